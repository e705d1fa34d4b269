using Attune.Randomness;
using System.Globalization;

namespace Attune.Tests.MultiObjective;

/// <summary>Slow, obviously correct reference implementations and test-data generators.</summary>
internal static class Reference
{
    public static bool Dominates(double[] a, double[] b)
    {
        var strictly = false;
        for (var j = 0; j < a.Length; j++)
        {
            if (a[j] > b[j])
            {
                return false;
            }

            if (a[j] < b[j])
            {
                strictly = true;
            }
        }

        return strictly;
    }

    /// <summary>Peels fronts: each round, the remaining points not dominated by any remaining point get the round number.</summary>
    public static int[] Ranks(IReadOnlyList<double[]> points)
    {
        var n = points.Count;
        var ranks = Enumerable.Repeat(-1, n).ToArray();
        var remaining = Enumerable.Range(0, n).ToList();
        var round = 0;
        while (remaining.Count > 0)
        {
            var front = remaining.Where(i => !remaining.Any(j => Dominates(points[j], points[i]))).ToList();
            foreach (var i in front)
            {
                ranks[i] = round;
            }

            remaining.RemoveAll(front.Contains);
            round++;
        }

        return ranks;
    }

    /// <summary>Exact hypervolume by inclusion–exclusion over all non-empty subsets (the box of a subset is bounded by its component-wise maximum).</summary>
    public static double HypervolumeInclusionExclusion(IReadOnlyList<double[]> points, double[] reference)
    {
        var n = points.Count;
        if (n > 16)
        {
            throw new ArgumentException("Too many points for inclusion–exclusion.", nameof(points));
        }

        var d = reference.Length;
        var corner = new double[d];
        var total = 0.0;
        for (var mask = 1; mask < 1 << n; mask++)
        {
            Array.Fill(corner, double.NegativeInfinity);
            var size = 0;
            for (var i = 0; i < n; i++)
            {
                if ((mask & (1 << i)) == 0)
                {
                    continue;
                }

                size++;
                for (var j = 0; j < d; j++)
                {
                    corner[j] = Math.Max(corner[j], points[i][j]);
                }
            }

            var volume = 1.0;
            for (var j = 0; j < d; j++)
            {
                volume *= Math.Max(0.0, reference[j] - corner[j]);
            }

            total += (size % 2 == 1 ? 1 : -1) * volume;
        }

        return total;
    }

    /// <summary>
    /// Exact hypervolume for integer coordinates: counts the unit cells with lower corner in
    /// [<paramref name="low"/>, reference) that some point weakly dominates.
    /// </summary>
    public static double HypervolumeGrid(IReadOnlyList<double[]> points, double[] reference, int low)
    {
        var d = reference.Length;
        var cell = new int[d];
        Array.Fill(cell, low);
        var covered = 0L;
        while (true)
        {
            foreach (var p in points)
            {
                var inside = true;
                for (var j = 0; j < d; j++)
                {
                    if (p[j] > cell[j])
                    {
                        inside = false;
                        break;
                    }
                }

                if (inside)
                {
                    covered++;
                    break;
                }
            }

            var k = 0;
            while (k < d)
            {
                cell[k]++;
                if (cell[k] < reference[k])
                {
                    break;
                }

                cell[k] = low;
                k++;
            }

            if (k == d)
            {
                return covered;
            }
        }
    }

    /// <summary>HV(all) − HV(all without i) with the given hypervolume function.</summary>
    public static double[] ContributionsByRemoval(IReadOnlyList<double[]> points, double[] reference, Func<IReadOnlyList<double[]>, double[], double> hypervolume)
    {
        var all = hypervolume(points, reference);
        var result = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var others = points.Where((_, k) => k != i).ToList();
            result[i] = all - hypervolume(others, reference);
        }

        return result;
    }

    public static List<double[]> UniformPoints(SeededRandom random, int count, int dimension)
    {
        var points = new List<double[]>(count);
        for (var i = 0; i < count; i++)
        {
            var p = new double[dimension];
            for (var j = 0; j < dimension; j++)
            {
                p[j] = random.NextDouble();
            }

            points.Add(p);
        }

        return points;
    }

    /// <summary>Integer coordinates in [0, <paramref name="levels"/>): many ties and duplicates.</summary>
    public static List<double[]> IntegerPoints(SeededRandom random, int count, int dimension, int levels)
    {
        var points = new List<double[]>(count);
        for (var i = 0; i < count; i++)
        {
            var p = new double[dimension];
            for (var j = 0; j < dimension; j++)
            {
                p[j] = random.NextInt32(levels);
            }

            points.Add(p);
        }

        return points;
    }

    /// <summary>Uniform points where about a third are exact copies of earlier points and some share single coordinates.</summary>
    public static List<double[]> PointsWithDuplicates(SeededRandom random, int count, int dimension)
    {
        var points = new List<double[]>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            if (i > 0 && roll < 0.3)
            {
                points.Add((double[])points[random.NextInt32(i)].Clone());
                continue;
            }

            var p = new double[dimension];
            for (var j = 0; j < dimension; j++)
            {
                p[j] = random.NextDouble();
            }

            if (i > 0 && roll < 0.5)
            {
                var j = random.NextInt32(dimension);
                p[j] = points[random.NextInt32(i)][j];
            }

            points.Add(p);
        }

        return points;
    }

    /// <summary>Points on the simplex sum = 1 (mutually non-dominated), all coordinates in (0, 1).</summary>
    public static List<double[]> SimplexPoints(SeededRandom random, int count, int dimension)
    {
        var points = new List<double[]>(count);
        for (var i = 0; i < count; i++)
        {
            var p = new double[dimension];
            var sum = 0.0;
            for (var j = 0; j < dimension; j++)
            {
                p[j] = -Math.Log(1.0 - random.NextDouble());
                sum += p[j];
            }

            for (var j = 0; j < dimension; j++)
            {
                p[j] /= sum;
            }

            points.Add(p);
        }

        return points;
    }

    public static double[] Filled(int dimension, double value) => Enumerable.Repeat(value, dimension).ToArray();

    public static double[] Flatten(IReadOnlyList<double[]> points) => points.SelectMany(p => p).ToArray();

    public static void AssertClose(double expected, double actual, string context, double relative = 1e-9, double absolute = 1e-12)
    {
        var tolerance = (relative * Math.Abs(expected)) + absolute;
        Assert.True(
            Math.Abs(expected - actual) <= tolerance,
            string.Create(CultureInfo.InvariantCulture, $"{context}: expected {expected:R}, actual {actual:R}, difference {actual - expected:R}"));
    }

    public static void AssertAllClose(double[] expected, double[] actual, string context, double absolute = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Length == 0 ? 0.0 : expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], actual[i], string.Create(CultureInfo.InvariantCulture, $"{context}, index {i}"), 0.0, (1e-9 * scale) + absolute);
        }
    }

    public static void AssertSame(int[] expected, int[] actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                expected[i] == actual[i],
                string.Create(CultureInfo.InvariantCulture, $"{context}: index {i} expected {expected[i]}, actual {actual[i]}"));
        }
    }

    public static string Describe(int dimension, int seed, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"d={dimension}, seed={seed}, {kind}");
}
