using Attune.Randomness;
using Attune.MultiObjective;

namespace Attune.Tests.MultiObjective;

public class ParetoFrontTests
{
    [Theory]
    [InlineData(new[] { 1.0, 2.0 }, new[] { 2.0, 3.0 }, true)]
    [InlineData(new[] { 1.0, 3.0 }, new[] { 2.0, 3.0 }, true)]
    [InlineData(new[] { 2.0, 3.0 }, new[] { 2.0, 3.0 }, false)]
    [InlineData(new[] { 1.0, 4.0 }, new[] { 2.0, 3.0 }, false)]
    [InlineData(new[] { 2.0, 3.0 }, new[] { 1.0, 2.0 }, false)]
    [InlineData(new[] { 5.0 }, new[] { 6.0 }, true)]
    [InlineData(new double[0], new double[0], false)]
    [InlineData(new[] { double.NegativeInfinity, 0.0 }, new[] { 0.0, 0.0 }, true)]
    [InlineData(new[] { 0.0, 0.0 }, new[] { 0.0, double.PositiveInfinity }, true)]
    public void Dominates_follows_the_minimization_definition(double[] a, double[] b, bool expected)
    {
        Assert.Equal(expected, ParetoFront.Dominates(a, b));
    }

    [Fact]
    public void Dominates_rejects_mismatched_lengths_and_NaN()
    {
        Assert.Throws<ArgumentException>(() => ParetoFront.Dominates([1.0, 2.0], [1.0]));
        var ex = Assert.Throws<ArgumentException>(() => ParetoFront.Dominates([1.0, double.NaN], [2.0, 0.0]));
        Assert.Equal("a", ex.ParamName);
        Assert.Throws<ArgumentException>(() => ParetoFront.Dominates([1.0, 0.0], [1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => ParetoFront.Dominates([2.0, 0.0], [1.0, double.NaN]));
    }

    [Fact]
    public void Ranks_of_a_hand_made_example()
    {
        var points = new List<double[]>
        {
            new[] { 1.0, 5.0 }, // 0: front 0
            new[] { 2.0, 2.0 }, // 1: front 0
            new[] { 5.0, 1.0 }, // 2: front 0
            new[] { 2.0, 5.0 }, // 3: dominated by 0 and 1 -> 1
            new[] { 3.0, 3.0 }, // 4: dominated by 1 -> 1
            new[] { 4.0, 4.0 }, // 5: dominated by 4 -> 2
            new[] { 2.0, 2.0 }, // 6: duplicate of 1 -> 0
            new[] { 5.0, 1.0 }, // 7: duplicate of 2 -> 0
            new[] { 6.0, 1.0 }, // 8: dominated by 2 -> 1
        };

        Assert.Equal(new[] { 0, 0, 0, 1, 1, 2, 0, 0, 1 }, ParetoFront.NonDominatedRanks(points));
        Assert.Equal(new[] { 0, 1, 2, 6, 7 }, ParetoFront.ParetoFrontIndices(points));
    }

    [Fact]
    public void Ranks_in_one_objective_are_dense_value_ranks()
    {
        var points = new[] { 3.0, 1.0, 2.0, 1.0, -0.0, 0.0, double.PositiveInfinity }.Select(v => new[] { v }).ToList();
        Assert.Equal(new[] { 3, 1, 2, 1, 0, 0, 4 }, ParetoFront.NonDominatedRanks(points));
    }

    [Fact]
    public void Empty_input_gives_empty_results()
    {
        Assert.Empty(ParetoFront.NonDominatedRanks(new List<double[]>()));
        Assert.Empty(ParetoFront.ParetoFrontIndices(new List<double[]>()));
        Assert.Empty(ParetoFront.NonDominatedRanks(ReadOnlySpan<double>.Empty, 3));
        Assert.Empty(ParetoFront.ParetoFrontIndices(ReadOnlySpan<double>.Empty, 3));
    }

    [Fact]
    public void A_chain_gives_one_point_per_front()
    {
        foreach (var dimension in new[] { 2, 3, 4, 6 })
        {
            var points = Enumerable.Range(0, 100).Select(i => Reference.Filled(dimension, 99 - i)).ToList();
            var expected = Enumerable.Range(0, 100).Select(i => 99 - i).ToArray();
            Assert.Equal(expected, ParetoFront.NonDominatedRanks(points));
            Assert.Equal(new[] { 99 }, ParetoFront.ParetoFrontIndices(points));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Ranks_match_brute_force_on_random_sets(int dimension)
    {
        var sizes = new[] { 1, 2, 3, 5, 10, 30, 80, 200 };
        for (var seed = 0; seed < 24; seed++)
        {
            var random = new SeededRandom((ulong)((dimension * 1000) + seed));
            var size = sizes[seed % sizes.Length];
            var sets = new (string Kind, List<double[]> Points)[]
            {
                ("uniform", Reference.UniformPoints(random, size, dimension)),
                ("integer", Reference.IntegerPoints(random, size, dimension, 4)),
                ("coarse integer", Reference.IntegerPoints(random, size, dimension, 2)),
                ("duplicates", Reference.PointsWithDuplicates(random, size, dimension)),
            };

            foreach (var (kind, points) in sets)
            {
                var context = Reference.Describe(dimension, seed, kind);
                var expected = Reference.Ranks(points);
                Reference.AssertSame(expected, ParetoFront.NonDominatedRanks(points), context);
                Reference.AssertSame(expected, ParetoFront.NonDominatedRanks(Reference.Flatten(points), dimension), context + " (flat)");

                var front = Enumerable.Range(0, size).Where(i => expected[i] == 0).ToArray();
                Reference.AssertSame(front, ParetoFront.ParetoFrontIndices(points), context + " (front)");
                Reference.AssertSame(front, ParetoFront.ParetoFrontIndices(Reference.Flatten(points), dimension), context + " (flat front)");
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Ranks_match_brute_force_on_larger_sets_with_many_fronts(int dimension)
    {
        // Large enough for several levels of divide and conquer (three objectives) and many fronts.
        var random = new SeededRandom((ulong)(77 + dimension));
        var points = Reference.IntegerPoints(random, 700, dimension, 12);
        points.AddRange(Reference.UniformPoints(random, 300, dimension).Select(p => p.Select(v => v * 12).ToArray()));
        var expected = Reference.Ranks(points);
        Assert.True(expected.Max() > 5);
        Reference.AssertSame(expected, ParetoFront.NonDominatedRanks(points), Reference.Describe(dimension, 77, "large"));
    }

    [Fact]
    public void Ranks_handle_infinities_as_ordinary_values()
    {
        var points = new List<double[]>
        {
            new[] { double.NegativeInfinity, 5.0, 1.0 },
            new[] { double.NegativeInfinity, 5.0, 2.0 },
            new[] { 0.0, double.PositiveInfinity, 0.0 },
            new[] { 0.0, double.PositiveInfinity, 0.0 },
            new[] { 1.0, double.PositiveInfinity, 0.0 },
            new[] { 1.0, 1.0, 1.0 },
        };

        Reference.AssertSame(Reference.Ranks(points), ParetoFront.NonDominatedRanks(points), "infinities");
    }

    [Fact]
    public void Ranks_are_invariant_to_input_order()
    {
        var random = new SeededRandom((ulong)(5));
        var points = Reference.IntegerPoints(random, 300, 3, 6);
        var ranks = ParetoFront.NonDominatedRanks(points);
        var permutation = Enumerable.Range(0, points.Count).OrderBy(_ => random.NextUInt64()).ToArray();
        var shuffled = permutation.Select(i => points[i]).ToList();
        var shuffledRanks = ParetoFront.NonDominatedRanks(shuffled);
        for (var k = 0; k < permutation.Length; k++)
        {
            Assert.Equal(ranks[permutation[k]], shuffledRanks[k]);
        }
    }

    [Fact]
    public void Ten_thousand_three_objective_points_on_a_front_are_all_rank_zero()
    {
        var points = Reference.SimplexPoints(new SeededRandom((ulong)(10_000)), 10_000, 3);
        var ranks = ParetoFront.NonDominatedRanks(points);
        Assert.All(ranks, rank => Assert.Equal(0, rank));
        Assert.Equal(10_000, ParetoFront.ParetoFrontIndices(points).Length);

        var volume = Hypervolume.Compute(points, [1.0, 1.0, 1.0]);
        Assert.True(double.IsFinite(volume));

        // Bounded by the unit cube minus the simplex-cut corner (1/6) and above the hull volume of a
        // dense sample, which is close to 1 - 1/6.
        Assert.InRange(volume, 0.8, 1.0 - (1.0 / 6.0));
    }

    [Fact]
    public void Validation_reports_the_offending_point()
    {
        Assert.Throws<ArgumentNullException>(() => ParetoFront.NonDominatedRanks((IReadOnlyList<double[]>)null!));
        Assert.Throws<ArgumentNullException>(() => ParetoFront.ParetoFrontIndices((IReadOnlyList<double[]>)null!));

        var mismatch = Assert.Throws<ArgumentException>(() => ParetoFront.NonDominatedRanks([[1.0, 2.0], [1.0, 2.0], [1.0, 2.0, 3.0]]));
        Assert.Equal("points", mismatch.ParamName);
        Assert.Contains("Point 2", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("3 objectives", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("point 0 has 2", mismatch.Message, StringComparison.Ordinal);

        var nan = Assert.Throws<ArgumentException>(() => ParetoFront.ParetoFrontIndices([[1.0, 2.0], [double.NaN, 2.0]]));
        Assert.Contains("Point 1", nan.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", nan.Message, StringComparison.Ordinal);

        var nullPoint = Assert.Throws<ArgumentException>(() => ParetoFront.NonDominatedRanks([[1.0], null!]));
        Assert.Contains("Point 1 is null", nullPoint.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => ParetoFront.NonDominatedRanks([Array.Empty<double>(), Array.Empty<double>()]));
        Assert.Throws<ArgumentException>(() => ParetoFront.NonDominatedRanks([1.0, 2.0, 3.0], 2));
        Assert.Throws<ArgumentException>(() => ParetoFront.NonDominatedRanks([1.0, double.NaN], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParetoFront.NonDominatedRanks([1.0, 2.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParetoFront.ParetoFrontIndices([1.0, 2.0], -1));
    }
}
