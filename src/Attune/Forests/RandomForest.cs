using Attune.Randomness;

namespace Attune.Forests;

/// <summary>
/// A random forest of regression trees, each grown on its own bootstrap sample with its own random
/// stream, so the forest depends only on the data, the settings and the seed (not on how many
/// threads grew it).
/// </summary>
internal sealed class RandomForest
{
    // Below this much work (samples × features × trees) the trees are grown on the calling thread.
    private const long ParallelWork = 200_000;

    private RandomForest(RegressionTree[] trees, int features)
    {
        Trees = trees;
        Features = features;
    }

    /// <summary>The trees.</summary>
    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>The number of features the trees were grown on.</summary>
    public int Features { get; }

    /// <summary>Grows a forest.</summary>
    /// <param name="matrix">The inputs (at least one sample).</param>
    /// <param name="y">The targets, one per sample.</param>
    /// <param name="settings">How to grow the trees.</param>
    /// <param name="seed">The seed of every tree's random stream.</param>
    /// <returns>The forest.</returns>
    public static RandomForest Fit(FeatureMatrix matrix, double[] y, ForestSettings settings, ulong seed)
    {
        var trees = new RegressionTree[settings.Trees];
        var rows = matrix.Rows;

        void Grow(TreeBuilder builder, int[] counts, int t)
        {
            var random = SeededRandom.For(seed, (ulong)t);
            Array.Clear(counts);
            if (settings.Bootstrap)
            {
                for (var i = 0; i < rows; i++)
                {
                    counts[random.NextInt32(rows)]++;
                }
            }
            else
            {
                Array.Fill(counts, 1);
            }

            trees[t] = builder.Build(counts, random);
        }

        if ((long)rows * Math.Max(1, matrix.Features) * settings.Trees < ParallelWork)
        {
            var builder = new TreeBuilder(matrix, y, settings);
            var counts = new int[rows];
            for (var t = 0; t < trees.Length; t++)
            {
                Grow(builder, counts, t);
            }
        }
        else
        {
            Parallel.For(
                0,
                trees.Length,
                () => (Builder: new TreeBuilder(matrix, y, settings), Counts: new int[rows]),
                (t, _, local) =>
                {
                    Grow(local.Builder, local.Counts, t);
                    return local;
                },
                _ => { });
        }

        return new RandomForest(trees, matrix.Features);
    }

    /// <summary>The mean and variance over the trees of their predictions for one point.</summary>
    /// <param name="x">The point's features.</param>
    /// <returns>The mean and the (population) variance across trees.</returns>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> x)
    {
        double sum = 0, squares = 0;
        foreach (var tree in Trees)
        {
            var v = tree.Predict(x);
            sum += v;
            squares += v * v;
        }

        var n = Trees.Count;
        var mean = sum / n;
        return (mean, Math.Max(0, (squares / n) - (mean * mean)));
    }
}
