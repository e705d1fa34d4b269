using Attune.MultiObjective;
using Attune.Randomness;
using BenchmarkDotNet.Attributes;

namespace Attune.Benchmarks;

/// <summary>
/// Exact hypervolume of 10,000 points in three objectives: all on one front (the octant of the unit
/// sphere, every point non-dominated: the hard case) and uniform in the unit cube (most points
/// dominated); and greedy subset selection of 50 of 1,000 front points.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class HypervolumeBenchmarks
{
    private static readonly double[] Reference = [1.1, 1.1, 1.1];

    private double[][] front = [];
    private double[][] cube = [];
    private double[][] smallFront = [];

    /// <summary>The number of points.</summary>
    [Params(10_000)]
    public int Points { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(42);
        front = Enumerable.Range(0, Points).Select(_ => Sphere(random)).ToArray();
        cube = Enumerable.Range(0, Points).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
        smallFront = Enumerable.Range(0, 1_000).Select(_ => Sphere(random)).ToArray();
    }

    /// <summary>10,000 mutually non-dominated points.</summary>
    [Benchmark]
    public double Front3D() => Hypervolume.Compute(front, Reference);

    /// <summary>10,000 uniform points.</summary>
    [Benchmark]
    public double Uniform3D() => Hypervolume.Compute(cube, Reference);

    /// <summary>Greedy selection of 50 of 1,000 front points.</summary>
    [Benchmark]
    public int[] SelectSubset50Of1000() => Hypervolume.SelectSubset(smallFront, 50, Reference);

    private static double[] Sphere(SeededRandom random)
    {
        var p = new[] { Math.Abs(random.NextGaussian()), Math.Abs(random.NextGaussian()), Math.Abs(random.NextGaussian()) };
        var norm = Math.Sqrt((p[0] * p[0]) + (p[1] * p[1]) + (p[2] * p[2]));
        return [p[0] / norm, p[1] / norm, p[2] / norm];
    }
}
