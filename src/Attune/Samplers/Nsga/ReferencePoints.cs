using System.Globalization;

namespace Attune.Samplers;

/// <summary>Reference points for <see cref="NsgaIIISampler"/>.</summary>
public static class ReferencePoints
{
    /// <summary>
    /// Das and Dennis's (1998) structured points on the unit simplex: every vector of
    /// <paramref name="objectives"/> non-negative multiples of 1/<paramref name="divisions"/> that sum to 1,
    /// C(divisions + objectives − 1, objectives − 1) of them, in lexicographically decreasing order.
    /// </summary>
    /// <param name="objectives">The number of objectives, &gt;= 1.</param>
    /// <param name="divisions">The number of divisions H of each axis, &gt;= 1.</param>
    /// <returns>The points.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is below 1, or the count exceeds 1,000,000.</exception>
    public static double[][] DasDennis(int objectives, int divisions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(objectives, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(divisions, 1);
        var count = Count(objectives, divisions);
        if (count > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(
                nameof(divisions),
                divisions,
                string.Create(CultureInfo.InvariantCulture, $"{objectives} objectives with {divisions} divisions give {count} reference points; at most 1,000,000 are supported."));
        }

        var points = new List<double[]>((int)count);
        var parts = new int[objectives];
        Fill(parts, 0, divisions, divisions, points);
        return [.. points];
    }

    /// <summary>The number of Das–Dennis points, C(divisions + objectives − 1, objectives − 1).</summary>
    /// <param name="objectives">The number of objectives, &gt;= 1.</param>
    /// <param name="divisions">The number of divisions, &gt;= 0.</param>
    /// <returns>The count (saturating at <see cref="long.MaxValue"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static long Count(int objectives, int divisions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(objectives, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(divisions);
        var k = objectives - 1;
        var n = divisions + k;
        double result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
            if (result >= long.MaxValue)
            {
                return long.MaxValue;
            }
        }

        return (long)Math.Round(result);
    }

    /// <summary>
    /// The default number of divisions for a population: the largest H &gt;= 1 whose point count does not
    /// exceed <paramref name="populationSize"/> (Deb and Jain size the population just above the number of
    /// reference points), or 1 when even H = 1 gives more points than that.
    /// </summary>
    internal static int DefaultDivisions(int objectives, int populationSize)
    {
        var divisions = 1;
        while (divisions < 10_000 && Count(objectives, divisions + 1) <= populationSize)
        {
            divisions++;
        }

        return divisions;
    }

    private static void Fill(int[] parts, int index, int left, int divisions, List<double[]> points)
    {
        if (index == parts.Length - 1)
        {
            parts[index] = left;
            var point = new double[parts.Length];
            for (var j = 0; j < parts.Length; j++)
            {
                point[j] = (double)parts[j] / divisions;
            }

            points.Add(point);
            return;
        }

        for (var take = left; take >= 0; take--)
        {
            parts[index] = take;
            Fill(parts, index + 1, left - take, divisions, points);
        }
    }
}
