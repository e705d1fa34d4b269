using Attune.Randomness;
using Attune.MultiObjective;

namespace Attune.Tests.MultiObjective;

public class HypervolumeSubsetSelectionTests
{
    [Fact]
    public void Picks_the_largest_box_first_then_the_largest_addition()
    {
        double[][] points = [[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]];

        // Boxes with r = (4, 4): 3, 4, 3. After [2, 2], [1, 3] and [3, 1] add 1 each; the tie goes to the lower index.
        Assert.Equal(new[] { 1, 0, 2 }, Hypervolume.SelectSubset(points, 3, [4.0, 4.0]));
        Assert.Equal(new[] { 1 }, Hypervolume.SelectSubset(points, 1, [4.0, 4.0]));
        Assert.Empty(Hypervolume.SelectSubset(points, 0, [4.0, 4.0]));
    }

    [Fact]
    public void Points_that_add_nothing_come_last_by_index()
    {
        double[][] points =
        [
            [5.0, 0.0], // outside
            [2.0, 2.0],
            [2.0, 2.0], // duplicate
            [3.0, 3.0], // dominated
            [1.0, 3.0],
        ];

        Assert.Equal(new[] { 1, 4, 0, 2, 3 }, Hypervolume.SelectSubset(points, 5, [4.0, 4.0]));
        Assert.Equal(new[] { 1, 4, 0 }, Hypervolume.SelectSubset(points, 3, [4.0, 4.0]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Equals_plain_greedy_with_every_contribution_recomputed(int dimension)
    {
        for (var seed = 0; seed < 25; seed++)
        {
            var random = new SeededRandom((ulong)((dimension * 7919) + seed));
            var points = seed % 2 == 0
                ? Reference.UniformPoints(random, 4 + (seed % 9), dimension)
                : Reference.SimplexPoints(random, 4 + (seed % 9), dimension);
            var reference = Reference.Filled(dimension, 1.1);
            for (var k = 0; k <= points.Count; k++)
            {
                Reference.AssertSame(
                    PlainGreedy(points, k, reference),
                    Hypervolume.SelectSubset(points, k, reference),
                    Reference.Describe(dimension, seed, $"k={k}"));
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Reaches_at_least_1_minus_1_over_e_of_the_best_subset_by_brute_force(int dimension)
    {
        var worst = 1.0;
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new SeededRandom((ulong)((dimension * 31) + seed));
            var points = Reference.SimplexPoints(random, 10, dimension);
            var reference = Reference.Filled(dimension, 1.0);
            for (var k = 1; k <= 5; k++)
            {
                var greedy = Hypervolume.SelectSubset(points, k, reference).Select(i => points[i]).ToList();
                var best = BestSubsetVolume(points, k, reference);
                var ratio = Reference.HypervolumeInclusionExclusion(greedy, reference) / best;
                Assert.True(ratio <= 1 + 1e-12, $"greedy beat brute force: {ratio}");
                worst = Math.Min(worst, ratio);
            }
        }

        Assert.True(worst >= 1 - (1 / Math.E), $"worst ratio {worst}");
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        double[][] points = [[1.0, 2.0], [2.0, 1.0]];
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypervolume.SelectSubset(points, 3, [4.0, 4.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypervolume.SelectSubset(points, -1, [4.0, 4.0]));
        Assert.Throws<ArgumentException>(() => Hypervolume.SelectSubset([[double.NegativeInfinity, 1.0]], 1, [4.0, 4.0]));
        Assert.Throws<ArgumentException>(() => Hypervolume.SelectSubset(points, 1, [4.0]));
        Assert.Throws<ArgumentNullException>(() => Hypervolume.SelectSubset(null!, 1, [4.0, 4.0]));
    }

    // Adds, each step, the point whose addition raises the hypervolume most (ties: lower index); points adding nothing come last by index.
    private static int[] PlainGreedy(List<double[]> points, int k, double[] reference)
    {
        var chosen = new List<int>();
        while (chosen.Count < k)
        {
            var current = Hypervolume.Compute(chosen.Select(i => points[i]).ToList(), reference);
            var best = -1;
            var bestGain = 0.0;
            for (var i = 0; i < points.Count; i++)
            {
                if (chosen.Contains(i))
                {
                    continue;
                }

                var gain = Hypervolume.Compute(chosen.Append(i).Select(j => points[j]).ToList(), reference) - current;
                if (gain > bestGain + (1e-12 * Math.Max(1, current)))
                {
                    best = i;
                    bestGain = gain;
                }
            }

            if (best < 0)
            {
                chosen.AddRange(Enumerable.Range(0, points.Count).Where(i => !chosen.Contains(i)).Take(k - chosen.Count));
                break;
            }

            chosen.Add(best);
        }

        return [.. chosen];
    }

    private static double BestSubsetVolume(List<double[]> points, int k, double[] reference)
    {
        var best = 0.0;
        for (var mask = 0; mask < 1 << points.Count; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != k)
            {
                continue;
            }

            var subset = Enumerable.Range(0, points.Count).Where(i => (mask & (1 << i)) != 0).Select(i => points[i]).ToList();
            best = Math.Max(best, Reference.HypervolumeInclusionExclusion(subset, reference));
        }

        return best;
    }
}
