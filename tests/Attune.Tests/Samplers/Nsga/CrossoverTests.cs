using Attune.Randomness;
using Attune.Samplers;

namespace Attune.Tests.Samplers.Nsga;

/// <summary>The crossovers' and the mutation's statistics in the unit cube.</summary>
public class CrossoverTests
{
    private const int Draws = 20_000;

    [Fact]
    public void Uniform_crossover_takes_each_coordinate_from_a_parent_at_the_swapping_rate()
    {
        var crossover = new UniformCrossover(0.3);
        double[] parents = [0.1, 0.2, 0.3, 0.9, 0.8, 0.7];
        var child = new double[3];
        var random = new SeededRandom(1);
        var fromSecond = 0;
        for (var t = 0; t < Draws; t++)
        {
            crossover.Cross(parents, child, random);
            for (var i = 0; i < 3; i++)
            {
                Assert.True(child[i] == parents[i] || child[i] == parents[3 + i]);
                fromSecond += child[i] == parents[3 + i] ? 1 : 0;
            }
        }

        Assert.InRange(fromSecond / (3.0 * Draws), 0.29, 0.31);
    }

    [Fact]
    public void Blx_alpha_children_are_uniform_on_the_widened_interval()
    {
        var crossover = new BlxAlphaCrossover(0.5);
        var children = Children(crossover, [0.4, 0.6], 1);

        // Uniform on [0.3, 0.7]: mean 0.5, variance 0.4^2 / 12, nothing outside.
        Assert.All(children, c => Assert.InRange(c, 0.3, 0.7));
        Assert.InRange(children.Average(), 0.497, 0.503);
        Assert.InRange(Variance(children), 0.0133 * 0.97, 0.0133 * 1.03);
        Assert.InRange(children.Min(), 0.3, 0.302);
        Assert.InRange(children.Max(), 0.698, 0.7);
    }

    [Fact]
    public void Sbx_children_are_symmetric_around_the_parents_and_tighter_with_larger_eta()
    {
        var wide = Children(new SbxCrossover(eta: 2, variableProbability: 1), [0.4, 0.6], 1);
        var tight = Children(new SbxCrossover(eta: 30, variableProbability: 1), [0.4, 0.6], 1);

        // The two children of SBX mirror each other around the midpoint 0.5 (the bounds are far enough to be inactive at eta 30).
        Assert.InRange(wide.Average(), 0.495, 0.505);
        Assert.InRange(tight.Average(), 0.498, 0.502);
        Assert.InRange(wide.Count(c => c < 0.5) / (double)Draws, 0.48, 0.52);
        Assert.InRange(Median(tight.Where(c => c < 0.5)) + Median(tight.Where(c => c > 0.5)), 0.995, 1.005);
        Assert.True(Variance(tight) < Variance(wide));
        Assert.InRange(Median(tight.Select(c => Math.Min(Math.Abs(c - 0.4), Math.Abs(c - 0.6)))), 0, 0.02);
    }

    [Fact]
    public void Sbx_keeps_children_inside_near_the_bounds()
    {
        var children = Children(new SbxCrossover(eta: 0.5, variableProbability: 1), [0.001, 0.3], 1);
        Assert.All(children, c => Assert.InRange(c, 0, 1));
        Assert.Contains(children, c => c < 0.001);
        Assert.Contains(children, c => c > 0.3);
    }

    [Fact]
    public void Sbx_copies_the_first_parent_where_it_does_not_cross()
    {
        var crossover = new SbxCrossover(variableProbability: 0);
        var child = new double[2];
        crossover.Cross([0.2, 0.7, 0.9, 0.1], child, new SeededRandom(2));
        Assert.Equal(new[] { 0.2, 0.7 }, child);
    }

    [Fact]
    public void Vsbx_children_fall_on_both_sides_of_either_parent_within_half_their_distance()
    {
        var children = Children(new VsbxCrossover(eta: 2), [0.4, 0.6], 1);
        Assert.InRange(children.Average(), 0.497, 0.503);
        Assert.All(children, c => Assert.True(Math.Abs(c - 0.4) <= 0.1 + 1e-12 || Math.Abs(c - 0.6) <= 0.1 + 1e-12));
        Assert.Contains(children, c => c < 0.4);
        Assert.Contains(children, c => c is > 0.4 and < 0.5);
        Assert.Contains(children, c => c > 0.6);
        Assert.InRange(children.Count(c => c is 0.4 or 0.6) / (double)Draws, 0.47, 0.53); // half the coordinates are not crossed
    }

    [Fact]
    public void Undx_children_centre_on_the_first_two_parents_with_the_documented_spreads()
    {
        // x1 = (0.3, 0.5), x2 = (0.7, 0.5): d = (-0.4, 0) along the first axis; x3 = (0.5, 0.7) is 0.2 off that line.
        var crossover = new UndxCrossover(sigmaXi: 0.5, sigmaEta: 0.4);
        var random = new SeededRandom(4);
        var child = new double[2];
        var xs = new List<double>();
        var ys = new List<double>();
        for (var t = 0; t < Draws; t++)
        {
            crossover.Cross([0.3, 0.5, 0.7, 0.5, 0.5, 0.7], child, random);
            xs.Add(child[0]);
            ys.Add(child[1]);
        }

        Assert.InRange(xs.Average(), 0.495, 0.505);
        Assert.InRange(ys.Average(), 0.497, 0.503);
        Assert.InRange(Math.Sqrt(Variance(xs)), 0.2 * 0.97, 0.2 * 1.03);   // sigmaXi * |d| = 0.5 * 0.4
        Assert.InRange(Math.Sqrt(Variance(ys)), 0.08 * 0.97, 0.08 * 1.03); // sigmaEta * D = 0.4 * 0.2
    }

    [Fact]
    public void Spx_children_fill_the_expanded_simplex_around_the_centroid()
    {
        var crossover = new SpxCrossover();
        Assert.Equal(2, crossover.Epsilon, 12);
        double[] parents = [0.4, 0.4, 0.6, 0.4, 0.4, 0.6];
        var random = new SeededRandom(6);
        var child = new double[2];
        var centroid = new[] { 1.4 / 3, 1.4 / 3 };
        double sumX = 0, sumY = 0;
        for (var t = 0; t < Draws; t++)
        {
            crossover.Cross(parents, child, random);
            sumX += child[0];
            sumY += child[1];

            // Expanded vertices: centroid + 2 (p - centroid). Inside means x >= vx_min, y >= vy_min and x + y <= the far edge.
            var low = centroid[0] + (2 * (0.4 - centroid[0]));
            Assert.True(child[0] >= low - 1e-12 && child[1] >= low - 1e-12, $"({child[0]}, {child[1]}) is outside");
            Assert.True(child[0] + child[1] <= centroid[0] + centroid[1] + (2 * (1.0 - centroid[0] - centroid[1])) + 1e-12);
        }

        Assert.InRange(sumX / Draws, centroid[0] - 0.003, centroid[0] + 0.003);
        Assert.InRange(sumY / Draws, centroid[1] - 0.003, centroid[1] + 0.003);
    }

    [Fact]
    public void Polynomial_mutation_stays_in_bounds_centres_on_the_value_and_narrows_with_eta()
    {
        var random = new SeededRandom(8);
        var wide = Enumerable.Range(0, Draws).Select(_ => new PolynomialMutation(5).Mutate(0.5, random)).ToArray();
        var tight = Enumerable.Range(0, Draws).Select(_ => new PolynomialMutation(50).Mutate(0.5, random)).ToArray();
        var edge = Enumerable.Range(0, Draws).Select(_ => new PolynomialMutation(1).Mutate(0.02, random)).ToArray();
        Assert.InRange(Median(wide), 0.49, 0.51);
        Assert.True(Variance(tight) < Variance(wide) / 4);
        Assert.All(edge, v => Assert.InRange(v, 0, 1));
        Assert.Contains(edge, v => v < 0.001);
    }

    [Fact]
    public void Operators_reject_bad_settings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformCrossover(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlxAlphaCrossover(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SbxCrossover(eta: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SbxCrossover(variableProbability: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VsbxCrossover(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UndxCrossover(sigmaXi: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UndxCrossover(sigmaEta: double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpxCrossover(parentCount: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpxCrossover(epsilon: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialMutation(-2));
    }

    private static double[] Children(ICrossover crossover, double[] parents, int dimension)
    {
        var random = new SeededRandom(11);
        var child = new double[dimension];
        var result = new double[Draws];
        for (var t = 0; t < Draws; t++)
        {
            crossover.Cross(parents, child, random);
            result[t] = child[0];
        }

        return result;
    }

    private static double Variance(IEnumerable<double> values)
    {
        var list = values.ToArray();
        var mean = list.Average();
        return list.Sum(v => (v - mean) * (v - mean)) / (list.Length - 1);
    }

    private static double Median(IEnumerable<double> values) => NsgaTestData.Median(values);
}
