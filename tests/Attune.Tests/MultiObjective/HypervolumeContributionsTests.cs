using Attune.Randomness;
using Attune.MultiObjective;

namespace Attune.Tests.MultiObjective;

public class HypervolumeContributionsTests
{
    [Fact]
    public void Staircase_contributions_are_the_rectangles_between_neighbours()
    {
        double[][] points = [[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]];
        Assert.Equal(new[] { 1.0, 1.0, 1.0 }, Hypervolume.Contributions(points, [4.0, 4.0]));
        Assert.Equal(new[] { 2.0, 1.0, 2.0 }, Hypervolume.Contributions(points, [5.0, 5.0]));
    }

    [Fact]
    public void Dominated_duplicated_and_outside_points_contribute_nothing()
    {
        double[][] points =
        [
            [1.0, 3.0],
            [2.0, 2.0],
            [2.5, 2.5], // dominated by [2, 2] only: takes 0.25 of its exclusive square
            [3.0, 1.0],
            [3.0, 1.0], // duplicate
            [0.0, 5.0], // outside
        ];

        var contributions = Hypervolume.Contributions(points, [4.0, 4.0]);
        Assert.Equal(new[] { 1.0, 0.75, 0.0, 0.0, 0.0, 0.0 }, contributions);
    }

    [Fact]
    public void One_objective_contribution_is_the_gap_to_the_runner_up()
    {
        Assert.Equal(new[] { 0.0, 1.0, 0.0, 0.0 }, Hypervolume.Contributions([[3.0], [1.0], [2.0], [9.0]], [5.0]));
        Assert.Equal(new[] { 4.0 }, Hypervolume.Contributions([[1.0]], [5.0]));
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, Hypervolume.Contributions([[1.0], [1.0], [2.0]], [5.0]));
    }

    [Fact]
    public void Empty_or_fully_outside_sets_have_zero_contributions()
    {
        Assert.Empty(Hypervolume.Contributions(new List<double[]>(), [1.0, 1.0, 1.0]));
        Assert.Equal(new[] { 0.0, 0.0 }, Hypervolume.Contributions([[1.0, 0.0, 0.0], [0.0, 0.0, 3.0]], [1.0, 1.0, 1.0]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Match_removal_with_inclusion_exclusion_on_small_sets(int dimension)
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var random = new SeededRandom((ulong)((dimension * 104729) + seed));
            var size = 1 + (seed % 9);
            var reference = Reference.Filled(dimension, 1.0);
            var kind = seed % 4;
            var points = kind switch
            {
                0 => Reference.UniformPoints(random, size, dimension),
                1 => Reference.PointsWithDuplicates(random, size, dimension),
                2 => Reference.IntegerPoints(random, size, dimension, 3).Select(p => p.Select(v => v / 3.0).ToArray()).ToList(),
                _ => Reference.SimplexPoints(random, size, dimension),
            };

            if (seed % 5 == 0)
            {
                points[^1][0] = 1.0;
            }

            var expected = Reference.ContributionsByRemoval(points, reference, Reference.HypervolumeInclusionExclusion);
            var context = Reference.Describe(dimension, seed, "kind " + kind);
            Reference.AssertAllClose(expected, Hypervolume.Contributions(points, reference), context);
            Reference.AssertAllClose(expected, Hypervolume.Contributions(Reference.Flatten(points), reference), context + " (flat)");
        }
    }

    [Theory]
    [InlineData(2, 300, 40)]
    [InlineData(2, 120, 6)]
    [InlineData(3, 60, 8)]
    [InlineData(4, 30, 5)]
    [InlineData(5, 16, 4)]
    public void Match_removal_with_cell_counting_on_integer_points(int dimension, int size, int levels)
    {
        for (var seed = 0; seed < 3; seed++)
        {
            var random = new SeededRandom((ulong)((dimension * 17) + seed + size));
            var points = Reference.IntegerPoints(random, size, dimension, levels);
            var reference = Reference.Filled(dimension, levels - 1);
            var expected = Reference.ContributionsByRemoval(points, reference, (p, r) => Reference.HypervolumeGrid(p, r, 0));
            Assert.Equal(expected, Hypervolume.Contributions(points, reference));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Match_removal_with_compute_on_fronts(int dimension)
    {
        var random = new SeededRandom((ulong)(dimension * 3));
        var points = Reference.SimplexPoints(random, dimension == 4 ? 40 : 150, dimension);
        points.AddRange(Reference.UniformPoints(random, 30, dimension));
        var reference = Reference.Filled(dimension, 1.1);
        var expected = Reference.ContributionsByRemoval(points, reference, (p, r) => Hypervolume.Compute(p, r));
        var actual = Hypervolume.Contributions(points, reference);
        Reference.AssertAllClose(expected, actual, Reference.Describe(dimension, 0, "front"), 1e-12);
        Assert.True(actual.Sum() <= Hypervolume.Compute(points, reference) * (1 + 1e-12));
        Assert.All(actual, c => Assert.True(c >= 0.0));
    }

    [Fact]
    public void Unbounded_contributing_points_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Hypervolume.Contributions([[0.0, 0.0], [0.5, double.NegativeInfinity]], [1.0, 1.0]));
        Assert.Contains("Point 1", ex.Message, StringComparison.Ordinal);

        // Outside the reference box: ignored.
        Assert.Equal(new[] { 1.0, 0.0 }, Hypervolume.Contributions([[0.0, 0.0], [2.0, double.NegativeInfinity]], [1.0, 1.0]));
    }

    [Fact]
    public void Validation_reports_clear_errors()
    {
        Assert.Throws<ArgumentNullException>(() => Hypervolume.Contributions((IReadOnlyList<double[]>)null!, [1.0]));
        Assert.Throws<ArgumentException>(() => Hypervolume.Contributions([[1.0]], ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentException>(() => Hypervolume.Contributions([[1.0]], [double.NegativeInfinity]));
        var mismatch = Assert.Throws<ArgumentException>(() => Hypervolume.Contributions([[0.0, 0.0], [0.0]], [1.0, 1.0]));
        Assert.Contains("Point 1 has 1 objectives but the reference point has 2", mismatch.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Hypervolume.Contributions([[double.NaN, 0.0]], [1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => Hypervolume.Contributions([0.0, 0.0, 0.0], [1.0, 1.0]));
    }
}
