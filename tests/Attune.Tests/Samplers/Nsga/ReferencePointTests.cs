using Attune.Randomness;
using Attune.Samplers;
using static Attune.Tests.Samplers.Nsga.NsgaTestData;

namespace Attune.Tests.Samplers.Nsga;

/// <summary>NSGA-III: Das–Dennis points, normalization, association and niching.</summary>
public class ReferencePointTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(3, 1)]
    [InlineData(3, 3)]
    [InlineData(3, 8)]
    [InlineData(3, 12)]
    [InlineData(5, 4)]
    public void Das_Dennis_points_are_the_distinct_grid_points_of_the_simplex(int objectives, int divisions)
    {
        var points = ReferencePoints.DasDennis(objectives, divisions);
        Assert.Equal(Binomial(divisions + objectives - 1, objectives - 1), points.Length);
        Assert.Equal(points.Length, ReferencePoints.Count(objectives, divisions));
        foreach (var p in points)
        {
            Assert.Equal(objectives, p.Length);
            Assert.Equal(1.0, p.Sum(), 12);
            Assert.All(p, v => Assert.True(v >= 0 && Math.Abs((v * divisions) - Math.Round(v * divisions)) < 1e-9, $"{v} is not a multiple of 1/{divisions}"));
        }

        var keys = points.Select(p => string.Join(",", p.Select(v => Math.Round(v * divisions)))).ToHashSet();
        Assert.Equal(points.Length, keys.Count);
    }

    [Fact]
    public void Three_objectives_with_twelve_divisions_give_Deb_and_Jains_91_points_including_the_axes()
    {
        var points = ReferencePoints.DasDennis(3, 12);
        Assert.Equal(91, points.Length);
        Assert.Contains(points, p => p.SequenceEqual([1.0, 0.0, 0.0]));
        Assert.Contains(points, p => p.SequenceEqual([0.0, 0.0, 1.0]));
        Assert.Contains(points, p => p.SequenceEqual([4.0 / 12, 4.0 / 12, 4.0 / 12]));
    }

    [Fact]
    public void Default_divisions_give_the_most_points_that_fit_the_population()
    {
        Assert.Equal(8, ReferencePoints.DefaultDivisions(3, 50));   // 45 points
        Assert.Equal(12, ReferencePoints.DefaultDivisions(3, 92));  // 91 points
        Assert.Equal(49, ReferencePoints.DefaultDivisions(2, 50));  // 50 points
        Assert.Equal(1, ReferencePoints.DefaultDivisions(8, 4));    // even H = 1 gives 8 > 4
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferencePoints.DasDennis(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferencePoints.DasDennis(3, 0));
    }

    [Fact]
    public void Normalization_maps_the_extreme_points_to_the_unit_axes()
    {
        // Translated by the ideal point (1, 1, 1), the extremes are (2,0,0), (0,3,0), (0,0,4): intercepts 2, 3, 4.
        double[][] points = [[3, 1, 1], [1, 4, 1], [1, 1, 5], [2, 2, 2]];
        var normalized = ObjectiveNormalization.Normalize(points, [true, true, true, true]);
        AssertRow([1, 0, 0], normalized[0]);
        AssertRow([0, 1, 0], normalized[1]);
        AssertRow([0, 0, 1], normalized[2]);
        AssertRow([0.5, 1.0 / 3, 0.25], normalized[3]);
    }

    [Fact]
    public void Degenerate_extreme_points_fall_back_to_the_nadir_of_the_first_front()
    {
        // All points on a line: the extreme points coincide in pairs and span no plane.
        double[][] points = [[0, 4], [0, 4], [2, 8]];
        Assert.Null(ObjectiveNormalization.Intercepts([[0, 0], [0, 0], [2, 4]], 2));
        var normalized = ObjectiveNormalization.Normalize(points, [true, true, false]);

        // Ideal (0, 4); first-front nadir of translated values is (0, 0) -> falls back to the maximum over all, (2, 4).
        AssertRow([0, 0], normalized[0]);
        AssertRow([1, 1], normalized[2]);
    }

    [Fact]
    public void Association_takes_the_reference_direction_at_the_smallest_perpendicular_distance()
    {
        double[][] references = [[1, 0], [0, 1], [0.5, 0.5]];
        var (nearest, distance) = ReferencePointSurvival.Associate([[1, 0], [2, 2], [0.1, 1], [1, 0.2]], references);
        Assert.Equal(new[] { 0, 2, 1, 0 }, nearest);
        Assert.Equal(0, distance[0], 12);
        Assert.Equal(0, distance[1], 12);
        Assert.Equal(0.1, distance[2], 12);
        Assert.Equal(0.2, distance[3], 12);
    }

    [Fact]
    public void Niching_fills_the_least_crowded_reference_direction_first_with_its_nearest_member()
    {
        // Survivors 0..2 sit on directions 0, 0, 1; the last front (3..6) on directions 0, 1, 2, 2.
        int[] nearest = [0, 0, 1, 0, 1, 2, 2];
        double[] distance = [0, 0, 0, 0.1, 0.1, 0.3, 0.2];
        for (var seed = 0UL; seed < 20; seed++)
        {
            var one = ReferencePointSurvival.Niche(3, 4, 1, nearest, distance, 3, i => i, new SeededRandom(seed));
            Assert.Equal(new[] { 3 }, one); // direction 2 has no survivor: its nearest candidate (distance 0.2, index 3 of the front)

            // Next, directions 1 and 2 each hold one survivor: either gives the second pick; direction 0 (two) never does.
            var two = ReferencePointSurvival.Niche(3, 4, 2, nearest, distance, 3, i => i, new SeededRandom(seed));
            Assert.Equal(3, two[0]);
            Assert.Contains(two[1], new[] { 1, 2 });
        }
    }

    [Fact]
    public void Niching_drops_directions_without_candidates()
    {
        // Direction 1 has no survivors and no candidates; direction 0 holds everything.
        int[] nearest = [0, 0, 0];
        double[] distance = [0, 0.5, 0.1];
        var chosen = ReferencePointSurvival.Niche(1, 2, 2, nearest, distance, 2, i => i, new SeededRandom(9));
        Assert.Equal(2, chosen.Count);
        Assert.Equal(new[] { 0, 1 }, chosen.Order());
    }

    [Fact]
    public void Nsga3_survival_spreads_the_last_front_over_the_reference_directions()
    {
        // One front on the line f1 + f2 = 1, crowded near (0, 1): with 3 of 7 to keep and directions
        // (1, 0), (0.5, 0.5), (0, 1), survivors are one point per direction.
        Individual[] front =
        [
            Make(0, [0.0, 1.0]), Make(1, [0.02, 0.98]), Make(2, [0.05, 0.95]), Make(3, [0.08, 0.92]),
            Make(4, [0.5, 0.5]), Make(5, [0.52, 0.48]), Make(6, [1.0, 0.0]),
        ];
        var survival = new ReferencePointSurvival([[1, 0], [0.5, 0.5], [0, 1]], null, 3);
        for (var seed = 0UL; seed < 10; seed++)
        {
            var elite = survival.Select(front, 3, 2, new SeededRandom(seed)).Select(i => i.Number).Order().ToArray();
            Assert.Equal(new[] { 0, 4, 6 }, elite);
        }
    }

    [Fact]
    public void Reference_points_of_the_wrong_dimension_are_reported_when_used()
    {
        var survival = new ReferencePointSurvival([[1, 0, 0], [0, 1, 0]], null, 4);
        var e = Assert.Throws<InvalidOperationException>(() => survival.PointsFor(2));
        Assert.Contains("3 coordinates", e.Message, StringComparison.Ordinal);
    }

    private static long Binomial(int n, int k)
    {
        long result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    private static void AssertRow(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.Equal(expected[j], actual[j], 12);
        }
    }
}
