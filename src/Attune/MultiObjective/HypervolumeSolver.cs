namespace Attune.MultiObjective;

/// <summary>
/// Exact hypervolume kernels with reusable scratch buffers. Every point handed to the solver must
/// be finite and strictly better (smaller) than the reference point in every objective.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>1 objective: distance from the best value to the reference.</item>
/// <item>2 objectives: sort by the first objective and sweep, O(n log n).</item>
/// <item>
/// 3 objectives: sweep over the third objective while maintaining the two-dimensional staircase of
/// the points seen so far and its area; the staircase lives in a 64-ary bit tree over the points'
/// lexicographic (first, second) ranks, so predecessor and successor queries are near constant and
/// the whole sweep is O(n log n) (dominated by the two sorts).
/// </item>
/// <item>
/// 4 or more objectives: WFG. After removing dominated points, the points are sorted by decreasing
/// last objective; the exclusive volume of point <c>k</c> with respect to the points after it is its
/// box minus the volume of their limit set (component-wise maxima with point <c>k</c>). All limit
/// points share point <c>k</c>'s last objective, so that volume is a slab of height
/// <c>r[last] - p[last]</c> times a volume in one dimension fewer (slicing), recursing down to the
/// three-objective sweep.
/// </item>
/// </list>
/// </remarks>
internal sealed class HypervolumeSolver
{
    private readonly double[] _reference;
    private readonly int _dimension;
    private readonly double[] _keys;
    private readonly int[] _order;
    private readonly int[] _xyOrder = [];
    private readonly int[] _rankOf = [];
    private readonly double[] _xAtRank = [];
    private readonly double[] _yAtRank = [];
    private readonly HierarchicalBitSet? _staircase;
    private readonly WfgLevel[] _levels = [];
    private readonly int[] _filterOrder = [];
    private readonly double[] _filterScratch = [];

    /// <summary>Creates a solver for up to <paramref name="capacity"/> points with the given reference point.</summary>
    public HypervolumeSolver(ReadOnlySpan<double> reference, int capacity)
    {
        _reference = reference.ToArray();
        _dimension = reference.Length;
        capacity = Math.Max(capacity, 1);
        _keys = new double[capacity];
        _order = new int[capacity];
        if (_dimension >= 3)
        {
            _xyOrder = new int[capacity];
            _rankOf = new int[capacity];
            _xAtRank = new double[capacity];
            _yAtRank = new double[capacity];
            _staircase = new HierarchicalBitSet(capacity);
        }

        if (_dimension >= 4)
        {
            _levels = new WfgLevel[_dimension - 3];
            for (var level = 0; level < _levels.Length; level++)
            {
                _levels[level] = new WfgLevel(capacity, _dimension - level);
            }

            _filterOrder = new int[capacity];
            _filterScratch = new double[capacity * _dimension];
        }
    }

    /// <summary>
    /// Hypervolume of the first <paramref name="count"/> rows of <paramref name="values"/> (row length
    /// equal to the reference dimension). The rows may be reordered or compacted.
    /// </summary>
    public double Compute(double[] values, int count)
    {
        if (count == 0)
        {
            return 0.0;
        }

        if (_dimension >= 4)
        {
            count = NonDominatedSorting.FilterNonDominated(values, count, _dimension, _filterOrder, _filterScratch);
        }

        return Volume(values, count, _dimension, 0);
    }

    /// <summary>
    /// Exclusive contribution of each of the first <paramref name="count"/> rows of
    /// <paramref name="values"/>: the volume dominated by that row and by no other row. Rows that are
    /// dominated or duplicated contribute zero. <paramref name="values"/> is not modified.
    /// </summary>
    public double[] Contributions(double[] values, int count)
    {
        if (count == 0)
        {
            return [];
        }

        return _dimension switch
        {
            1 => Contributions1D(values, count),
            2 => Contributions2D(values, count),
            _ => ContributionsByLimitSets(values, count),
        };
    }

    private double Volume(double[] values, int count, int dimension, int level)
    {
        if (count == 0)
        {
            return 0.0;
        }

        return dimension switch
        {
            1 => Volume1D(values, count),
            2 => Volume2D(values, count),
            3 => Volume3D(values, count),
            _ => VolumeWfg(values, count, dimension, level),
        };
    }

    private double Volume1D(double[] values, int count)
    {
        var best = values[0];
        for (var i = 1; i < count; i++)
        {
            best = Math.Min(best, values[i]);
        }

        return _reference[0] - best;
    }

    /// <summary>Sort by the first objective; each point that lowers the running minimum of the second adds a strip.</summary>
    private double Volume2D(double[] values, int count)
    {
        var rx = _reference[0];
        var bestY = _reference[1];
        for (var i = 0; i < count; i++)
        {
            _keys[i] = values[2 * i];
            _order[i] = i;
        }

        Array.Sort(_keys, _order, 0, count);
        var area = 0.0;
        for (var t = 0; t < count; t++)
        {
            var y = values[(2 * _order[t]) + 1];
            if (y < bestY)
            {
                area += (rx - _keys[t]) * (bestY - y);
                bestY = y;
            }
        }

        return area;
    }

    /// <summary>
    /// Sweep over the third objective, keeping the non-dominated staircase of the (first, second)
    /// projections seen so far and the area it dominates. Staircase members are identified by their
    /// lexicographic (first, second) rank, so the member just left of a point is the one with the
    /// smallest second objective among those not greater in the first.
    /// </summary>
    private double Volume3D(double[] values, int count)
    {
        var rx = _reference[0];
        var ry = _reference[1];
        var rz = _reference[2];
        if (count == 1)
        {
            return (rx - values[0]) * (ry - values[1]) * (rz - values[2]);
        }

        for (var i = 0; i < count; i++)
        {
            _keys[i] = values[(3 * i) + 2];
            _order[i] = i;
            _xyOrder[i] = i;
        }

        Array.Sort(_keys, _order, 0, count);
        _xyOrder.AsSpan(0, count).Sort(new LexicographicComparer(values, 3, 2));
        for (var r = 0; r < count; r++)
        {
            var i = _xyOrder[r];
            _rankOf[i] = r;
            _xAtRank[r] = values[3 * i];
            _yAtRank[r] = values[(3 * i) + 1];
        }

        var staircase = _staircase!;
        staircase.Reset(count);
        var area = 0.0;
        var volume = 0.0;
        var previousZ = _keys[0];
        for (var t = 0; t < count; t++)
        {
            var z = _keys[t];
            volume += area * (z - previousZ);
            previousZ = z;

            var r = _rankOf[_order[t]];
            var px = _xAtRank[r];
            var py = _yAtRank[r];
            var left = staircase.Previous(r - 1);
            var ceiling = left >= 0 ? _yAtRank[left] : ry;
            if (ceiling <= py)
            {
                // Weakly dominated by the staircase (and lower in z): adds nothing now or later.
                continue;
            }

            // Remove the members the new point dominates, adding the area between the old staircase
            // and the new point's level as we go.
            var gain = 0.0;
            var x = px;
            var s = staircase.Next(r + 1);
            while (s >= 0 && _yAtRank[s] >= py)
            {
                var sx = _xAtRank[s];
                gain += (sx - x) * (ceiling - py);
                x = sx;
                ceiling = _yAtRank[s];
                staircase.Remove(s);
                s = staircase.Next(s + 1);
            }

            var rightX = s >= 0 ? _xAtRank[s] : rx;
            gain += (rightX - x) * (ceiling - py);
            area += gain;
            staircase.Add(r);
        }

        return volume + (area * (rz - previousZ));
    }

    /// <summary>WFG with slicing on the last objective; rows must be free of dominated points for speed (not correctness).</summary>
    private double VolumeWfg(double[] values, int count, int dimension, int level)
    {
        if (count == 1)
        {
            return Box(values, 0, dimension);
        }

        var buffers = _levels[level];
        var keys = buffers.Keys;
        var order = buffers.Order;
        var last = dimension - 1;
        for (var i = 0; i < count; i++)
        {
            keys[i] = -values[(i * dimension) + last];
            order[i] = i;
        }

        Array.Sort(keys, order, 0, count);
        var sorted = buffers.Sorted;
        for (var t = 0; t < count; t++)
        {
            Array.Copy(values, order[t] * dimension, sorted, t * dimension, dimension);
        }

        var lower = dimension - 1;
        var limit = buffers.Limit;
        var total = 0.0;
        for (var k = 0; k < count; k++)
        {
            var p = k * dimension;
            var height = _reference[last] - sorted[p + last];
            var box = Box(sorted, k, lower, dimension);
            var limitCount = 0;
            for (var i = k + 1; i < count; i++)
            {
                var q = i * dimension;
                var target = limitCount * lower;
                for (var j = 0; j < lower; j++)
                {
                    limit[target + j] = Math.Max(sorted[p + j], sorted[q + j]);
                }

                limitCount++;
            }

            if (lower >= 4)
            {
                limitCount = NonDominatedSorting.FilterNonDominated(limit, limitCount, lower, _filterOrder, _filterScratch);
            }

            var covered = Volume(limit, limitCount, lower, level + 1);
            total += height * (box - covered);
        }

        return total;
    }

    /// <summary>One objective: only a unique best value has an exclusive contribution, up to the runner-up (or the reference).</summary>
    private double[] Contributions1D(double[] values, int count)
    {
        var contributions = new double[count];
        var best = 0;
        for (var i = 1; i < count; i++)
        {
            if (values[i] < values[best])
            {
                best = i;
            }
        }

        var runnerUp = _reference[0];
        for (var i = 0; i < count; i++)
        {
            if (i == best)
            {
                continue;
            }

            if (values[i] == values[best])
            {
                return contributions;
            }

            runnerUp = Math.Min(runnerUp, values[i]);
        }

        contributions[best] = runnerUp - values[best];
        return contributions;
    }

    /// <summary>
    /// Two objectives: the exclusive region of staircase point <c>k</c> lies in the rectangle between
    /// it and its staircase neighbours; points that are dominated by <c>k</c> alone (including its
    /// duplicates) lie in that rectangle and cover part of it, and are swept to subtract their area.
    /// </summary>
    private double[] Contributions2D(double[] values, int count)
    {
        var contributions = new double[count];
        var rx = _reference[0];
        var ry = _reference[1];
        var order = _order;
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        order.AsSpan(0, count).Sort(new LexicographicComparer(values, 2, 2));

        // Positions (in sorted order) of the distinct staircase points; x strictly increases and y
        // strictly decreases along them.
        var stairs = new int[count + 1];
        var stairCount = 0;
        var bestY = ry;
        for (var t = 0; t < count; t++)
        {
            var y = values[(2 * order[t]) + 1];
            if (y < bestY)
            {
                stairs[stairCount++] = t;
                bestY = y;
            }
        }

        stairs[stairCount] = count;
        for (var k = 0; k < stairCount; k++)
        {
            var index = order[stairs[k]];
            var x = values[2 * index];
            var y = values[(2 * index) + 1];
            var right = k + 1 < stairCount ? values[2 * order[stairs[k + 1]]] : rx;
            var top = k > 0 ? values[(2 * order[stairs[k - 1]]) + 1] : ry;

            // The non-staircase points sorted between stair k and stair k + 1 have x in
            // [x, right); those below `top` are dominated by stair k only.
            var covered = 0.0;
            var ceiling = top;
            for (var t = stairs[k] + 1; t < stairs[k + 1]; t++)
            {
                var q = order[t];
                var qy = values[(2 * q) + 1];
                if (qy < ceiling)
                {
                    covered += (right - values[2 * q]) * (ceiling - qy);
                    ceiling = qy;
                }
            }

            contributions[index] = Math.Max(0.0, ((right - x) * (top - y)) - covered);
        }

        return contributions;
    }

    /// <summary>
    /// Three or more objectives: for each distinct non-dominated point, its box minus the volume of
    /// the limit set formed by the other points (component-wise maxima with it). Points of rank 2 or
    /// worse are dominated by a rank-1 point other than the one being evaluated, so they are redundant
    /// in every limit set and skipped.
    /// </summary>
    private double[] ContributionsByLimitSets(double[] values, int count)
    {
        var dimension = _dimension;
        var contributions = new double[count];
        var uniqueIds = new int[count];
        var ranks = NonDominatedSorting.Ranks(values, count, dimension, firstFrontOnly: false, uniqueIds);
        var groupSizes = new int[count];
        foreach (var id in uniqueIds)
        {
            groupSizes[id]++;
        }

        var limit = new double[Math.Max(count - 1, 1) * dimension];
        for (var i = 0; i < count; i++)
        {
            if (ranks[i] != 0 || groupSizes[uniqueIds[i]] > 1)
            {
                continue;
            }

            var p = i * dimension;
            var limitCount = 0;
            for (var other = 0; other < count; other++)
            {
                if (other == i || ranks[other] > 1)
                {
                    continue;
                }

                var q = other * dimension;
                var target = limitCount * dimension;
                for (var j = 0; j < dimension; j++)
                {
                    limit[target + j] = Math.Max(values[p + j], values[q + j]);
                }

                limitCount++;
            }

            if (dimension >= 4)
            {
                limitCount = NonDominatedSorting.FilterNonDominated(limit, limitCount, dimension, _filterOrder, _filterScratch);
            }

            var covered = Volume(limit, limitCount, dimension, 0);
            contributions[i] = Math.Max(0.0, Box(values, i, dimension) - covered);
        }

        return contributions;
    }

    private double Box(double[] values, int row, int dimension) => Box(values, row, dimension, dimension);

    /// <summary>Volume of the box between row <paramref name="row"/> and the reference over the first <paramref name="length"/> objectives.</summary>
    private double Box(double[] values, int row, int length, int stride)
    {
        var offset = row * stride;
        var volume = 1.0;
        for (var j = 0; j < length; j++)
        {
            volume *= _reference[j] - values[offset + j];
        }

        return volume;
    }

    /// <summary>Scratch buffers for one WFG recursion level (one number of objectives).</summary>
    private sealed class WfgLevel
    {
        public WfgLevel(int capacity, int dimension)
        {
            Keys = new double[capacity];
            Order = new int[capacity];
            Sorted = new double[capacity * dimension];
            Limit = new double[capacity * (dimension - 1)];
        }

        public double[] Keys { get; }

        public int[] Order { get; }

        public double[] Sorted { get; }

        public double[] Limit { get; }
    }
}
