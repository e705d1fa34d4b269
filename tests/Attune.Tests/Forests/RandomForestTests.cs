using Attune.Forests;
using Attune.Randomness;

namespace Attune.Tests.Forests;

public class RandomForestTests
{
    private static (FeatureMatrix Matrix, double[] Y) Data(int rows, int seed)
    {
        var random = new SeededRandom((ulong)seed);
        var a = new double[rows];
        var b = new double[rows];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            a[i] = random.NextDouble();
            b[i] = Math.Round(random.NextDouble() * 4) / 4;
            y[i] = Math.Sin(6 * a[i]) + b[i];
        }

        return (new FeatureMatrix([a, b]), y);
    }

    [Fact]
    public void A_fully_grown_tree_without_bootstrap_reproduces_its_training_targets()
    {
        var (matrix, y) = Data(200, 1);
        var forest = RandomForest.Fit(matrix, y, new ForestSettings { Trees = 1, Bootstrap = false }, 5);

        for (var i = 0; i < y.Length; i++)
        {
            Assert.Equal(y[i], forest.Trees[0].Predict([matrix.Columns[0][i], matrix.Columns[1][i]]), 12);
        }
    }

    [Fact]
    public void Leaves_respect_the_smallest_size_and_depth()
    {
        var (matrix, y) = Data(300, 2);
        var forest = RandomForest.Fit(matrix, y, new ForestSettings { Trees = 3, MinSamplesLeaf = 10, MaxDepth = 3 }, 5);

        foreach (var tree in forest.Trees)
        {
            Assert.True(tree.Count <= 15, $"{tree.Count} nodes");
        }
    }

    [Fact]
    public void Bootstrap_trees_disagree_away_from_the_data_and_the_result_depends_only_on_the_seed()
    {
        var (matrix, y) = Data(100, 3);
        var settings = new ForestSettings { Trees = 16 };

        var first = RandomForest.Fit(matrix, y, settings, 9);
        var again = RandomForest.Fit(matrix, y, settings, 9);
        var (mean, variance) = first.Predict([0.5, 0.5]);

        Assert.Equal((mean, variance), again.Predict([0.5, 0.5]));
        Assert.Equal(Math.Sin(3) + 0.5, mean, 0.3);
        Assert.True(variance > 0);
    }
}
