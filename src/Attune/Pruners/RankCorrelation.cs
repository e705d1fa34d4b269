namespace Attune.Pruners;

/// <summary>Spearman's rank correlation, with average ranks for ties.</summary>
internal static class RankCorrelation
{
    /// <summary>Spearman's ρ of paired samples: Pearson's correlation of their ranks.</summary>
    /// <returns>ρ in [−1, 1]; 0 when either sample is constant; NaN for fewer than 3 pairs.</returns>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"The samples have {x.Count} and {y.Count} values; they must be paired.", nameof(y));
        }

        if (x.Count < 3)
        {
            return double.NaN;
        }

        var rx = Ranks(x);
        var ry = Ranks(y);
        var mean = (x.Count + 1) / 2.0;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mean) * (ry[i] - mean);
            sxx += (rx[i] - mean) * (rx[i] - mean);
            syy += (ry[i] - mean) * (ry[i] - mean);
        }

        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Ranks from 1, ties sharing their average rank.</summary>
    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = new int[values.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => values[a].CompareTo(values[b]));
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && values[order[end]] == values[order[start]])
            {
                end++;
            }

            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = (start + 1 + end) / 2.0;
            }

            start = end;
        }

        return ranks;
    }
}
