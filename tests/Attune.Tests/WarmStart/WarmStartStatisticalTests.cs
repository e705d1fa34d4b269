using Attune.Samplers;
using Xunit.Abstractions;

namespace Attune.Tests.WarmStart;

/// <summary>Warm against cold starts on a shifted Hartmann6, over 10 seeds.</summary>
[Trait("Category", "Statistical")]
public sealed class WarmStartStatisticalTests(ITestOutputHelper output)
{
    private const int Seeds = 10;

    private (int[] Cold, int[] Warm) Compare(Func<int, Sampler> sampler, int sourceTrials, double regret, int budget)
    {
        var cold = new int[Seeds];
        var warm = new int[Seeds];
        for (var seed = 0; seed < Seeds; seed++)
        {
            using var source = WarmStartBench.Source(seed, sourceTrials);
            using var coldStudy = Study.Create(new StudyOptions { Sampler = sampler(seed) });
            using var warmStudy = Study.Create(new StudyOptions { Sampler = sampler(seed), WarmStartFrom = [source] });
            cold[seed] = WarmStartBench.TrialsToTarget(coldStudy, regret, budget);
            warm[seed] = WarmStartBench.TrialsToTarget(warmStudy, regret, budget);
        }

        output.WriteLine($"cold: [{string.Join(", ", cold)}] median {Median(cold)}");
        output.WriteLine($"warm: [{string.Join(", ", warm)}] median {Median(warm)}");
        return (cold, warm);
    }

    private static double Median(int[] values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2.0;
    }

    [Fact]
    public void TpeReachesTheTargetInFewerTrialsWarm()
    {
        var (cold, warm) = Compare(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed }), sourceTrials: 100, regret: 0.5, budget: 100);
        Assert.True(Median(warm) < Median(cold) / 2, "warm median should be under half the cold median");
        Assert.True(warm.Zip(cold).Count(p => p.First < p.Second) >= 8, "warm should win on at least 8 of 10 seeds");
    }
}
