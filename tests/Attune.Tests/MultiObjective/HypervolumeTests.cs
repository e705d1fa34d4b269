using Attune.Randomness;
using Attune.MultiObjective;

namespace Attune.Tests.MultiObjective;

public class HypervolumeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void A_single_point_gives_its_box_volume(int dimension)
    {
        var point = Enumerable.Range(0, dimension).Select(j => 0.5 * j).ToArray();
        var reference = Enumerable.Range(0, dimension).Select(j => 1.0 + j).ToArray();
        var expected = Enumerable.Range(0, dimension).Aggregate(1.0, (volume, j) => volume * (1.0 + (0.5 * j)));
        Assert.Equal(expected, Hypervolume.Compute([point], reference), 12);
    }

    [Fact]
    public void Two_overlapping_boxes_give_union_volume()
    {
        // Boxes 2x1 and 1x2 overlapping in a 1x1 square.
        Assert.Equal(3.0, Hypervolume.Compute([[1.0, 2.0], [2.0, 1.0]], [3.0, 3.0]), 12);

        // Boxes 2x2x1 and 1x1x3 overlapping in 1x1x1: 4 + 3 - 1.
        Assert.Equal(6.0, Hypervolume.Compute([[0.0, 0.0, 2.0], [1.0, 1.0, 0.0]], [2.0, 2.0, 3.0]), 12);

        // Four objectives: 2*2*2*1 + 1*1*1*3 - 1*1*1*1.
        Assert.Equal(10.0, Hypervolume.Compute([[0.0, 0.0, 0.0, 2.0], [1.0, 1.0, 1.0, 0.0]], [2.0, 2.0, 2.0, 3.0]), 12);

        // Five objectives, nested boxes: the larger one only.
        Assert.Equal(32.0, Hypervolume.Compute([[0.0, 0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0, 1.0]], Reference.Filled(5, 2.0)), 12);
    }

    [Fact]
    public void Points_not_strictly_better_than_the_reference_are_ignored()
    {
        double[] reference = [1.0, 1.0, 1.0];
        Assert.Equal(0.0, Hypervolume.Compute([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [5.0, 5.0, 5.0]], reference));
        Assert.Equal(0.125, Hypervolume.Compute([[0.5, 0.5, 0.5], [1.0, 0.0, 0.0], [0.0, 0.0, 7.0]], reference), 15);
        Assert.Equal(0.0, Hypervolume.Compute(new List<double[]>(), reference));
        Assert.Equal(0.0, Hypervolume.Compute([[2.0, 2.0], [0.0, 2.0]], [1.0, 1.0]));
        Assert.Equal(0.0, Hypervolume.Compute([[0.0, 0.0, 0.0, 1.0, 0.0]], Reference.Filled(5, 1.0)));
        Assert.Equal(0.5, Hypervolume.Compute([[0.5], [1.0], [3.0]], [1.0]), 15);
        Assert.Equal(0.0, Hypervolume.Compute([0.0, 1.0, 1.0, 0.0], [1.0, 1.0]));
    }

    [Fact]
    public void Negative_infinity_in_a_contributing_point_gives_infinite_volume()
    {
        Assert.Equal(double.PositiveInfinity, Hypervolume.Compute([[0.0, double.NegativeInfinity]], [1.0, 1.0]));
        Assert.Equal(double.PositiveInfinity, Hypervolume.Compute([[0.0, 0.0, 0.0, double.NegativeInfinity]], Reference.Filled(4, 1.0)));

        // Ignored point (outside the reference box) with a negative infinity does not matter.
        Assert.Equal(0.25, Hypervolume.Compute([[0.5, 0.5], [double.NegativeInfinity, 2.0]], [1.0, 1.0]), 15);
        Assert.Equal(0.25, Hypervolume.Compute([[0.5, 0.5], [0.0, double.PositiveInfinity]], [1.0, 1.0]), 15);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Matches_inclusion_exclusion_on_small_random_sets(int dimension)
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var random = new SeededRandom((ulong)((dimension * 7919) + seed));
            var size = 1 + (seed % 10);
            var reference = Reference.Filled(dimension, 1.05);
            var kind = (seed / 10) % 3;
            var points = kind switch
            {
                0 => Reference.UniformPoints(random, size, dimension),
                1 => Reference.PointsWithDuplicates(random, size, dimension),
                _ => Reference.SimplexPoints(random, size, dimension),
            };

            // Push a few points outside the reference box to exercise filtering.
            if (seed % 4 == 0)
            {
                points[0][random.NextInt32(dimension)] = 1.05 + random.NextDouble();
            }

            var expected = Reference.HypervolumeInclusionExclusion(points, reference);
            var context = Reference.Describe(dimension, seed, "kind " + kind);
            Reference.AssertClose(expected, Hypervolume.Compute(points, reference), context);
            Reference.AssertClose(expected, Hypervolume.Compute(Reference.Flatten(points), reference), context + " (flat)");
        }
    }

    [Theory]
    [InlineData(2, 150, 16)]
    [InlineData(3, 80, 10)]
    [InlineData(4, 40, 7)]
    [InlineData(5, 25, 5)]
    public void Matches_cell_counting_on_integer_points_with_ties(int dimension, int size, int levels)
    {
        for (var seed = 0; seed < 6; seed++)
        {
            var random = new SeededRandom((ulong)((dimension * 31) + seed));
            var points = Reference.IntegerPoints(random, size, dimension, levels);
            var reference = Reference.Filled(dimension, levels - 1);
            var expected = Reference.HypervolumeGrid(points, reference, 0);
            Assert.Equal(expected, Hypervolume.Compute(points, reference));
        }
    }

    [Fact]
    public void Lifting_to_more_objectives_with_a_constant_objective_scales_the_volume()
    {
        // The four- and five-objective (WFG) paths must agree with the three-objective sweep.
        for (var seed = 0; seed < 6; seed++)
        {
            var random = new SeededRandom((ulong)(300 + seed));
            var points = seed % 2 == 0 ? Reference.UniformPoints(random, 120, 3) : Reference.SimplexPoints(random, 120, 3);
            var volume3 = Hypervolume.Compute(points, [1.0, 1.0, 1.0]);

            var lifted4 = points.Select(p => new[] { p[0], p[1], p[2], 0.25 }).ToList();
            Reference.AssertClose(volume3 * 0.75, Hypervolume.Compute(lifted4, [1.0, 1.0, 1.0, 1.0]), "4D lift");

            var lifted5 = points.Select(p => new[] { 0.5, p[0], p[1], 0.0, p[2] }).ToList();
            Reference.AssertClose(volume3 * 0.5 * 2.0, Hypervolume.Compute(lifted5, [1.0, 1.0, 1.0, 2.0, 1.0]), "5D lift");

            // Two objectives lifted to three (the sweep) agree with the 2D sweep.
            var pairs = points.Select(p => new[] { p[0], p[1] }).ToList();
            var volume2 = Hypervolume.Compute(pairs, [1.0, 1.0]);
            Reference.AssertClose(volume2 * 0.5, Hypervolume.Compute(pairs.Select(p => new[] { p[0], 0.5, p[1] }).ToList(), [1.0, 1.0, 1.0]), "3D lift");
        }
    }

    [Fact]
    public void Is_invariant_to_order_and_to_adding_dominated_points()
    {
        foreach (var dimension in new[] { 2, 3, 4 })
        {
            var random = new SeededRandom((ulong)(dimension));
            var points = Reference.SimplexPoints(random, 60, dimension);
            var reference = Reference.Filled(dimension, 1.0);
            var volume = Hypervolume.Compute(points, reference);

            var shuffled = points.OrderBy(_ => random.NextUInt64()).ToList();
            Reference.AssertClose(volume, Hypervolume.Compute(shuffled, reference), "shuffled");

            var padded = new List<double[]>(points);
            padded.AddRange(points.Select(p => p.Select(v => Math.Min(1.0, v + (0.1 * random.NextDouble()))).ToArray()));
            padded.AddRange(points.Take(10).Select(p => (double[])p.Clone()));
            Reference.AssertClose(volume, Hypervolume.Compute(padded, reference), "padded");
        }
    }

    [Fact]
    public void Scales_with_the_reference_box()
    {
        // Translating and scaling each objective scales the volume by the product of the scales.
        var random = new SeededRandom((ulong)(9));
        var points = Reference.UniformPoints(random, 200, 3);
        var volume = Hypervolume.Compute(points, [1.0, 1.0, 1.0]);
        var transformed = points.Select(p => new[] { (2.0 * p[0]) - 1.0, (0.5 * p[1]) + 3.0, (4.0 * p[2]) + 100.0 }).ToList();
        Reference.AssertClose(volume * 4.0, Hypervolume.Compute(transformed, [1.0, 3.5, 104.0]), "affine", 1e-9);
    }

    [Fact]
    public void Thousand_four_objective_points_compute_exactly_against_a_lift()
    {
        // The same 1,000 three-objective points, with a fourth objective constant, computed by WFG.
        var points = Reference.SimplexPoints(new SeededRandom((ulong)(4)), 1000, 3);
        var volume3 = Hypervolume.Compute(points, [1.0, 1.0, 1.0]);
        var lifted = points.Select(p => new[] { p[0], p[1], 0.5, p[2] }).ToList();
        Reference.AssertClose(volume3 * 0.5, Hypervolume.Compute(lifted, [1.0, 1.0, 1.0, 1.0]), "1000 lifted");
    }

    [Fact]
    public void Validation_reports_clear_errors()
    {
        Assert.Throws<ArgumentNullException>(() => Hypervolume.Compute((IReadOnlyList<double[]>)null!, [1.0]));

        var emptyReference = Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1.0]], ReadOnlySpan<double>.Empty));
        Assert.Equal("referencePoint", emptyReference.ParamName);

        var nanReference = Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[0.0, 0.0]], [1.0, double.NaN]));
        Assert.Contains("objective 1", nanReference.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[0.0, 0.0]], [double.PositiveInfinity, 1.0]));

        var mismatch = Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[0.0, 0.0], [0.0, 0.0, 0.0]], [1.0, 1.0]));
        Assert.Equal("points", mismatch.ParamName);
        Assert.Contains("Point 1 has 3 objectives but the reference point has 2", mismatch.Message, StringComparison.Ordinal);

        var nan = Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[0.0, 0.0], [5.0, double.NaN]], [1.0, 1.0]));
        Assert.Contains("Point 1 has NaN at objective 1", nan.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[0.0, 0.0], null!], [1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => Hypervolume.Compute([0.0, 0.0, 0.0], [1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => Hypervolume.Compute([0.0, double.NaN], [1.0, 1.0]));
    }
}
