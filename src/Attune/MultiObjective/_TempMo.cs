// TEMPORARY, deleted at merge: brute-force stand-ins with the exact signatures of the real
// Attune.MultiObjective.ParetoFront.NonDominatedRanks and Attune.MultiObjective.Hypervolume that are
// being written on another branch. ParetoFront already exists as a shim in _Temp.cs (which this branch
// must not edit), so the stand-in for NonDominatedRanks is declared in Attune.Samplers, where the TPE
// code finds it before Attune.MultiObjective.ParetoFront; once this file is deleted the same call
// binds to the real one.
#pragma warning disable
namespace Attune.Samplers
{
    internal static class ParetoFront
    {
        public static int[] NonDominatedRanks(IReadOnlyList<double[]> points)
        {
            var n = points.Count;
            var ranks = new int[n];
            var done = new bool[n];
            var left = n;
            for (var rank = 0; left > 0; rank++)
            {
                var front = new List<int>();
                for (var i = 0; i < n; i++)
                {
                    if (done[i]) continue;
                    var dominated = false;
                    for (var j = 0; j < n && !dominated; j++)
                    {
                        if (j != i && !done[j] && Attune.MultiObjective.Hypervolume.DominatesTemp(points[j], points[i])) dominated = true;
                    }

                    if (!dominated) front.Add(i);
                }

                foreach (var i in front) { ranks[i] = rank; done[i] = true; }
                left -= front.Count;
            }

            return ranks;
        }
    }
}

namespace Attune.MultiObjective
{
    internal static class Hypervolume
    {
        internal static bool DominatesTemp(double[] a, double[] b)
        {
            var strictly = false;
            for (var k = 0; k < a.Length; k++)
            {
                if (a[k] > b[k]) return false;
                if (a[k] < b[k]) strictly = true;
            }

            return strictly;
        }

        public static double Compute(IReadOnlyList<double[]> points, ReadOnlySpan<double> referencePoint)
        {
            var kept = new List<double[]>();
            foreach (var p in points)
            {
                var inside = true;
                for (var k = 0; k < p.Length; k++) if (!(p[k] < referencePoint[k])) inside = false;
                if (inside) kept.Add(p);
            }

            return Slice(kept, referencePoint.ToArray(), referencePoint.Length);
        }

        public static double[] Contributions(IReadOnlyList<double[]> points, ReadOnlySpan<double> referencePoint)
        {
            var total = Compute(points, referencePoint);
            var result = new double[points.Count];
            for (var i = 0; i < points.Count; i++)
            {
                var others = new List<double[]>(points.Count - 1);
                for (var j = 0; j < points.Count; j++) if (j != i) others.Add(points[j]);
                result[i] = total - Compute(others, referencePoint);
            }

            return result;
        }

        // Exact volume of the union of boxes [p, r] over the first d coordinates, by slicing the last one.
        private static double Slice(List<double[]> points, double[] r, int d)
        {
            if (points.Count == 0) return 0;
            if (d == 1)
            {
                var min = double.PositiveInfinity;
                foreach (var p in points) min = Math.Min(min, p[0]);
                return r[0] - min;
            }

            var sorted = points.OrderBy(p => p[d - 1]).ToList();
            var volume = 0.0;
            var active = new List<double[]>();
            for (var i = 0; i < sorted.Count; i++)
            {
                active.Add(sorted[i]);
                var upper = i + 1 < sorted.Count ? sorted[i + 1][d - 1] : r[d - 1];
                var height = upper - sorted[i][d - 1];
                if (height > 0) volume += height * Slice(active, r, d - 1);
            }

            return volume;
        }
    }
}
