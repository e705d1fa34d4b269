namespace Attune.Forests;

/// <summary>
/// A fitted regression tree in flat arrays: node k splits on <see cref="Feature"/>[k] at
/// <see cref="Threshold"/>[k] (a value ≤ the threshold goes to <see cref="Left"/>[k], otherwise to
/// <see cref="Right"/>[k]) or is a leaf when its feature is −1. The root is node 0.
/// </summary>
internal sealed class RegressionTree
{
    /// <summary>Creates the tree from its node arrays (not copied).</summary>
    public RegressionTree(int[] feature, double[] threshold, int[] left, int[] right, double[] value, double[] gain)
    {
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        Value = value;
        Gain = gain;
    }

    /// <summary>The split feature of each node; −1 for a leaf.</summary>
    public int[] Feature { get; }

    /// <summary>The split threshold of each inner node.</summary>
    public double[] Threshold { get; }

    /// <summary>The left child of each inner node.</summary>
    public int[] Left { get; }

    /// <summary>The right child of each inner node.</summary>
    public int[] Right { get; }

    /// <summary>The weighted mean target of each node's samples (the prediction of a leaf).</summary>
    public double[] Value { get; }

    /// <summary>The decrease of the weighted sum of squared errors achieved by each inner node's split.</summary>
    public double[] Gain { get; }

    /// <summary>The number of nodes.</summary>
    public int Count => Feature.Length;

    /// <summary>The prediction for one point.</summary>
    /// <param name="x">The point's features.</param>
    /// <returns>The value of the leaf the point falls into.</returns>
    public double Predict(ReadOnlySpan<double> x)
    {
        var node = 0;
        while (Feature[node] >= 0)
        {
            node = x[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        }

        return Value[node];
    }
}
