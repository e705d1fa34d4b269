using Attune.Forests;

namespace Attune.Importances;

/// <summary>
/// Functional ANOVA of one regression tree (Hutter, Hoos and Leyton-Brown, "An Efficient Approach for
/// Assessing Hyperparameter Importance", ICML 2014): the tree is a piecewise-constant function over
/// boxes, the inputs are independent under each parameter's reference measure
/// (<see cref="ParameterColumn.Measure"/>), and the share of parameter j is the variance of its main
/// effect E[f | x_j] over the total variance of f.
/// </summary>
/// <remarks>
/// With leaves l of value v_l and box sides B_l,j: the volume of a leaf is Π_j μ_j(B_l,j), and
/// E[f | x_j = x] = Σ_{l: x ∈ B_l,j} v_l · Π_{k≠j} μ_k(B_l,k), a step function on the intervals
/// between the tree's thresholds on j. Each leaf adds its weight to a contiguous run of those
/// intervals (a difference array), so a parameter costs O(leaves + thresholds) and the tree
/// O(leaves × parameters) after the boxes are known. Not thread-safe: one instance per thread, which
/// reuses its buffers from tree to tree.
/// </remarks>
internal sealed class FunctionalAnova
{
    private readonly IReadOnlyList<ParameterColumn> columns;
    private readonly int p;
    private readonly List<double> leafValue = [];
    private readonly List<double> leafLow = [];
    private readonly List<double> leafHigh = [];
    private double[] low = [];
    private double[] high = [];
    private double[] side = [];
    private double[] others = [];
    private double[] volume = [];

    /// <summary>Creates the analysis for trees over <paramref name="columns"/>.</summary>
    public FunctionalAnova(IReadOnlyList<ParameterColumn> columns)
    {
        this.columns = columns;
        p = columns.Count;
    }

    /// <summary>Each parameter's share of the tree's variance; all 0 when the tree is constant.</summary>
    public double[] Shares(RegressionTree tree)
    {
        CollectLeaves(tree);
        var leaves = leafValue.Count;
        var shares = new double[p];
        if (leaves < 2)
        {
            return shares;
        }

        // Per-leaf measure of every side, and the product over the other sides by prefix/suffix products.
        if (side.Length < leaves * p)
        {
            side = new double[leaves * p * 2];
            others = new double[side.Length];
            volume = new double[leaves * 2];
        }
        for (var l = 0; l < leaves; l++)
        {
            var row = l * p;
            for (var j = 0; j < p; j++)
            {
                side[row + j] = columns[j].Measure(leafLow[row + j], leafHigh[row + j]);
            }

            var prefix = 1.0;
            for (var j = 0; j < p; j++)
            {
                others[row + j] = prefix;
                prefix *= side[row + j];
            }

            volume[l] = prefix;
            var suffix = 1.0;
            for (var j = p - 1; j >= 0; j--)
            {
                others[row + j] *= suffix;
                suffix *= side[row + j];
            }
        }

        double mass = 0, mean = 0;
        for (var l = 0; l < leaves; l++)
        {
            mass += volume[l];
            mean += volume[l] * leafValue[l];
        }

        if (!(mass > 0))
        {
            return shares;
        }

        mean /= mass;
        var variance = 0.0;
        for (var l = 0; l < leaves; l++)
        {
            var d = leafValue[l] - mean;
            variance += volume[l] * d * d;
        }

        variance /= mass;
        if (!(variance > 0))
        {
            return shares;
        }

        var thresholds = Thresholds(tree);
        for (var j = 0; j < p; j++)
        {
            var cuts = thresholds[j];
            if (cuts is null)
            {
                continue;
            }

            // Intervals: (−∞, c0], (c0, c1], …, (c_last, +∞).
            var intervals = cuts.Length + 1;
            var effect = new double[intervals + 1];
            for (var l = 0; l < leaves; l++)
            {
                var row = (l * p) + j;
                var first = double.IsNegativeInfinity(leafLow[row]) ? 0 : Array.BinarySearch(cuts, leafLow[row]) + 1;
                var last = double.IsPositiveInfinity(leafHigh[row]) ? intervals - 1 : Array.BinarySearch(cuts, leafHigh[row]);
                var weight = leafValue[l] * others[row];
                effect[first] += weight;
                effect[last + 1] -= weight;
            }

            var running = 0.0;
            var main = 0.0;
            for (var k = 0; k < intervals; k++)
            {
                running += effect[k];
                var lowEnd = k == 0 ? double.NegativeInfinity : cuts[k - 1];
                var highEnd = k == intervals - 1 ? double.PositiveInfinity : cuts[k];
                var d = (running / mass) - mean;
                main += columns[j].Measure(lowEnd, highEnd) * d * d;
            }

            shares[j] = main / variance;
        }

        return shares;
    }

    // The sorted distinct thresholds of each feature; null for a feature the tree never splits on.
    private double[]?[] Thresholds(RegressionTree tree)
    {
        var lists = new List<double>?[p];
        for (var n = 0; n < tree.Count; n++)
        {
            if (tree.Feature[n] is var f and >= 0)
            {
                (lists[f] ??= []).Add(tree.Threshold[n]);
            }
        }

        var result = new double[]?[p];
        for (var j = 0; j < p; j++)
        {
            if (lists[j] is { } list)
            {
                list.Sort();
                result[j] = [.. list.Distinct()];
            }
        }

        return result;
    }

    private void CollectLeaves(RegressionTree tree)
    {
        leafValue.Clear();
        leafLow.Clear();
        leafHigh.Clear();
        if (low.Length != p)
        {
            low = new double[p];
            high = new double[p];
        }

        Array.Fill(low, double.NegativeInfinity);
        Array.Fill(high, double.PositiveInfinity);
        Visit(tree, 0);
    }

    private void Visit(RegressionTree tree, int node)
    {
        var f = tree.Feature[node];
        if (f < 0)
        {
            leafValue.Add(tree.Value[node]);
            leafLow.AddRange(low);
            leafHigh.AddRange(high);
            return;
        }

        var t = tree.Threshold[node];
        var saved = high[f];
        high[f] = t;
        Visit(tree, tree.Left[node]);
        high[f] = saved;
        saved = low[f];
        low[f] = t;
        Visit(tree, tree.Right[node]);
        low[f] = saved;
    }
}
