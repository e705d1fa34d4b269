namespace Attune.MultiObjective;

/// <summary>
/// Non-dominated ranks for three objectives in O(n log² n), by divide and conquer over the
/// lexicographic order.
/// </summary>
/// <remarks>
/// For distinct points sorted lexicographically, point <c>q</c> dominates point <c>p</c> iff
/// <c>q</c> comes first and is not worse in the second and third objectives; so
/// <c>rank(p) = 1 + max rank(q)</c> over such <c>q</c> (0 if none). The range is split in half; the
/// left half is solved, its final ranks are pushed to the right half with a sweep over the second
/// objective and a prefix-maximum Fenwick tree over the third, and then the right half is solved.
/// Each range is kept ordered by the second objective (split stably on the way down, merged on the
/// way up) so no sorting is needed inside the recursion.
/// </remarks>
internal sealed class DivideAndConquer3D
{
    private const int BruteForceThreshold = 24;

    private readonly double[] _y;
    private readonly int[] _zRank;
    private readonly int[] _ranks;
    private readonly int[] _byY;
    private readonly int[] _scratch;
    private readonly int[] _tree;
    private readonly int[] _treeStamp;
    private int _stamp;

    private DivideAndConquer3D(double[] y, int[] zRank, int zCount, int[] byY)
    {
        _y = y;
        _zRank = zRank;
        _ranks = new int[y.Length];
        _byY = byY;
        _scratch = new int[y.Length];
        _tree = new int[zCount + 1];
        _treeStamp = new int[zCount + 1];
    }

    /// <summary>Ranks <paramref name="count"/> distinct three-objective points sorted lexicographically.</summary>
    public static int[] Ranks(double[] unique, int count)
    {
        if (count <= 1)
        {
            return new int[count];
        }

        var y = new double[count];
        var z = new double[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = unique[(3 * i) + 1];
            z[i] = unique[(3 * i) + 2];
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Array.Sort(z, order);
        var zRank = new int[count];
        var rank = 0;
        for (var t = 0; t < count; t++)
        {
            if (t > 0 && z[t] > z[t - 1])
            {
                rank++;
            }

            zRank[order[t]] = rank;
        }

        var byY = new int[count];
        for (var i = 0; i < count; i++)
        {
            byY[i] = i;
        }

        Array.Sort((double[])y.Clone(), byY);
        var solver = new DivideAndConquer3D(y, zRank, rank + 1, byY);
        solver.Solve(0, count);
        return solver._ranks;
    }

    /// <summary>
    /// Finalizes the ranks of points <c>[lo, hi)</c>, given that contributions from points before
    /// <c>lo</c> are already applied. On entry and exit <c>_byY[lo..hi)</c> holds those points ordered
    /// by the second objective.
    /// </summary>
    private void Solve(int lo, int hi)
    {
        if (hi - lo <= BruteForceThreshold)
        {
            for (var p = lo + 1; p < hi; p++)
            {
                var yp = _y[p];
                var zp = _zRank[p];
                var best = _ranks[p];
                for (var q = lo; q < p; q++)
                {
                    if (_y[q] <= yp && _zRank[q] <= zp && _ranks[q] >= best)
                    {
                        best = _ranks[q] + 1;
                    }
                }

                _ranks[p] = best;
            }

            return;
        }

        var mid = (lo + hi) >>> 1;
        var left = lo;
        var right = mid;
        for (var t = lo; t < hi; t++)
        {
            var point = _byY[t];
            if (point < mid)
            {
                _scratch[left++] = point;
            }
            else
            {
                _scratch[right++] = point;
            }
        }

        Array.Copy(_scratch, lo, _byY, lo, hi - lo);
        Solve(lo, mid);
        PushLeftToRight(lo, mid, hi);
        Solve(mid, hi);
        MergeByY(lo, mid, hi);
    }

    private void PushLeftToRight(int lo, int mid, int hi)
    {
        _stamp++;
        var next = lo;
        for (var t = mid; t < hi; t++)
        {
            var p = _byY[t];
            var yp = _y[p];
            while (next < mid && _y[_byY[next]] <= yp)
            {
                var q = _byY[next];
                Update(_zRank[q], _ranks[q]);
                next++;
            }

            if (next > lo)
            {
                var best = Query(_zRank[p]);
                if (best >= _ranks[p])
                {
                    _ranks[p] = best + 1;
                }
            }
        }
    }

    private void MergeByY(int lo, int mid, int hi)
    {
        var a = lo;
        var b = mid;
        var t = lo;
        while (a < mid && b < hi)
        {
            _scratch[t++] = _y[_byY[b]] < _y[_byY[a]] ? _byY[b++] : _byY[a++];
        }

        while (a < mid)
        {
            _scratch[t++] = _byY[a++];
        }

        while (b < hi)
        {
            _scratch[t++] = _byY[b++];
        }

        Array.Copy(_scratch, lo, _byY, lo, hi - lo);
    }

    /// <summary>Raises the prefix maximum at third-objective rank <paramref name="position"/> to at least <paramref name="value"/>.</summary>
    private void Update(int position, int value)
    {
        for (var k = position + 1; k < _tree.Length; k += k & -k)
        {
            if (_treeStamp[k] != _stamp)
            {
                _treeStamp[k] = _stamp;
                _tree[k] = value;
            }
            else if (value > _tree[k])
            {
                _tree[k] = value;
            }
        }
    }

    /// <summary>Maximum value stored at third-objective ranks up to <paramref name="position"/>, or -1.</summary>
    private int Query(int position)
    {
        var best = -1;
        for (var k = position + 1; k > 0; k -= k & -k)
        {
            if (_treeStamp[k] == _stamp && _tree[k] > best)
            {
                best = _tree[k];
            }
        }

        return best;
    }
}
