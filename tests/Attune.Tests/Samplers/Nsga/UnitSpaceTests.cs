using Attune.Samplers;

namespace Attune.Tests.Samplers.Nsga;

public class UnitSpaceTests
{
    public static TheoryData<Distribution> Distributions =>
    [
        new FloatDistribution(-2, 3),
        new FloatDistribution(1e-4, 1, log: true),
        new FloatDistribution(0, 1, step: 0.25),
        new IntDistribution(-3, 7),
        new IntDistribution(1, 1000, log: true),
        new IntDistribution(0, 20, step: 5),
    ];

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Every_coordinate_decodes_to_a_contained_value_and_grid_values_round_trip(Distribution distribution)
    {
        for (var k = 0; k <= 1000; k++)
        {
            var u = (k / 1000.0 * 1.2) - 0.1; // also outside [0, 1]
            var value = UnitInterval.FromUnit(u, distribution);
            Assert.True(distribution.Contains(value), $"{value} from {u} is outside {distribution}");
            var back = UnitInterval.FromUnit(UnitInterval.ToUnit(value, distribution), distribution);
            Assert.Equal(value, back, 9);
        }
    }

    [Fact]
    public void Grid_values_own_equal_cells()
    {
        var five = new IntDistribution(0, 4);
        Assert.Equal(0, UnitInterval.FromUnit(0.19, five));
        Assert.Equal(1, UnitInterval.FromUnit(0.21, five));
        Assert.Equal(4, UnitInterval.FromUnit(1.0, five));
        Assert.Equal(0.5, UnitInterval.ToUnit(2, five), 12);
    }

    [Fact]
    public void The_space_splits_numerical_from_categorical_in_ordinal_order_and_drops_single_values()
    {
        var space = new UnitSpace(new Dictionary<string, Distribution>
        {
            ["b"] = new FloatDistribution(0, 1),
            ["a"] = new IntDistribution(0, 3),
            ["c"] = new CategoricalDistribution(["x", "y"]),
            ["one"] = new FloatDistribution(2, 2),
        });
        Assert.Equal(new[] { "a", "b" }, space.Numeric);
        Assert.Equal(new[] { "c" }, space.Categorical);
    }
}
