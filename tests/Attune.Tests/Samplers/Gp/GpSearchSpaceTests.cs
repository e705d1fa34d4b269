using Attune.Samplers;

namespace Attune.Tests.Samplers.Gp;

public class GpSearchSpaceTests
{
    private static GpSearchSpace Space() => new(new Dictionary<string, Distribution>
    {
        ["x"] = new FloatDistribution(-5, 5),
        ["lr"] = new FloatDistribution(1e-4, 1, log: true),
        ["n"] = new IntDistribution(1, 4),
        ["q"] = new FloatDistribution(0, 1, step: 0.25),
        ["k"] = new IntDistribution(1, 1024, log: true),
        ["c"] = new CategoricalDistribution(["a", "b", "c"]),
    });

    [Fact]
    public void Coordinates_are_ordered_by_name_and_typed()
    {
        var space = Space();
        Assert.Equal(["c", "k", "lr", "n", "q", "x"], space.Names);
        Assert.Equal([true, false, false, false, false, false], space.IsCategorical);
        Assert.True(space.IsContinuous(5));
        Assert.True(space.IsContinuous(2));
        Assert.False(space.IsContinuous(3));
        Assert.Equal([0, 1, 2], space.Choices(0).ToArray());
    }

    [Fact]
    public void Encoding_maps_ranges_to_the_unit_interval_and_grids_to_cell_centres()
    {
        var space = Space();
        var point = new double[6];
        space.Encode(new Dictionary<string, double> { ["x"] = 0, ["lr"] = 1e-2, ["n"] = 1, ["q"] = 0.75, ["k"] = 32, ["c"] = 2 }, point);
        Assert.Equal(2, point[0]);
        Assert.Equal((Math.Log(32) - Math.Log(0.5)) / (Math.Log(1024.5) - Math.Log(0.5)), point[1], 14);
        Assert.Equal(0.5, point[2], 14); // 1e-2 is halfway between 1e-4 and 1 in log space
        Assert.Equal(1.0 / 8, point[3], 14); // 4 cells: centres at 1/8, 3/8, 5/8, 7/8
        Assert.Equal(7.0 / 10, point[4], 14); // 5 cells for 0, 0.25, …, 1
        Assert.Equal(0.5, point[5], 14);
        Assert.Equal([1.0 / 8, 3.0 / 8, 5.0 / 8, 7.0 / 8], space.Choices(3).ToArray().Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Decoding_rounds_onto_the_grid_and_stays_inside_every_distribution()
    {
        var space = Space();
        for (var u = -0.1; u <= 1.1; u += 0.013)
        {
            double[] point = [Math.Clamp(Math.Round(u * 2), 0, 2), u, u, u, u, u];
            var values = space.Decode(point);
            for (var i = 0; i < 6; i++)
            {
                Assert.True(space.Distribution(i).Contains(values[space.Names[i]]), $"{space.Names[i]} = {values[space.Names[i]]} at u = {u}");
            }

            // Round trip: encoding a decoded point and decoding again is stable.
            var again = new double[6];
            space.Encode(values, again);
            Assert.Equal(values, space.Decode(again));
        }

        Assert.Equal(3, space.Decode([0, 0, 0, 0.5, 0, 0])["n"]);
        Assert.Equal(0.5, space.Decode([0, 0, 0, 0, 0.5, 0])["q"]);
    }

    [Fact]
    public void Unit_cube_points_map_to_admissible_coordinates()
    {
        var space = Space();
        var point = new double[6];
        space.FromUnitCube([0.99, 0.3, 0.2, 0.6, 0.05, 0.7], point);
        Assert.Equal(2, point[0]);
        Assert.Equal(space.Snap(1, point[1]), point[1]);
        Assert.Equal(0.2, point[2]);
        Assert.Equal(5.0 / 8, point[3], 14);
        Assert.Equal(1.0 / 10, point[4], 14);
        Assert.Equal(0.7, point[5]);
    }
}
