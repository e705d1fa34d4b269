using System.Globalization;

namespace Attune.MultiObjective;

/// <summary>
/// Exact hypervolume (the Lebesgue measure of the region dominated by a set of points and bounded by
/// a reference point) and exclusive hypervolume contributions. All objectives are minimized; negate
/// an objective (and its reference coordinate) to maximize it.
/// </summary>
/// <remarks>
/// <para>
/// A point contributes only if it is strictly better (smaller) than the reference point in every
/// objective; other points are ignored, not rejected. The reference point must be finite.
/// </para>
/// <para>
/// Algorithms: one objective is trivial; two objectives sort and sweep in O(n log n); three
/// objectives sweep the third objective over a two-dimensional staircase kept in a 64-ary bit tree,
/// O(n log n); four or more use WFG (non-dominated filtering, then exclusive volumes of limit sets
/// with slicing on the last objective down to the three-objective sweep), exact for any number of
/// objectives but exponential in it in the worst case.
/// </para>
/// <para>All members are thread-safe: they keep no shared state and do not modify their inputs.</para>
/// </remarks>
public static partial class Hypervolume
{
    /// <summary>
    /// Computes the hypervolume dominated by <paramref name="points"/> and bounded by
    /// <paramref name="referencePoint"/>, for minimization.
    /// </summary>
    /// <param name="points">
    /// The objective vectors, each with as many objectives as <paramref name="referencePoint"/>. Points that
    /// are not strictly better than the reference in every objective are ignored; dominated and duplicated
    /// points are allowed.
    /// </param>
    /// <param name="referencePoint">The finite reference (nadir) point; at least one objective.</param>
    /// <returns>
    /// The hypervolume; 0 when no point is strictly better than the reference; positive infinity when a
    /// contributing point has an objective equal to negative infinity.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="referencePoint"/> is empty or not finite; a point is <see langword="null"/>, has a
    /// different number of objectives than the reference point (the message names its index), or contains NaN.
    /// </exception>
    public static double Compute(IReadOnlyList<double[]> points, ReadOnlySpan<double> referencePoint)
    {
        ArgumentNullException.ThrowIfNull(points);
        ValidateReference(referencePoint);
        var selection = Select(points, referencePoint);
        return Compute(selection, referencePoint);
    }

    /// <summary>
    /// Computes the hypervolume of the points of a row-major matrix (point <c>i</c>, objective <c>j</c>
    /// at index <c>i * referencePoint.Length + j</c>). See
    /// <see cref="Compute(IReadOnlyList{double[]}, ReadOnlySpan{double})"/>.
    /// </summary>
    /// <param name="points">The objective values, row-major, minimized.</param>
    /// <param name="referencePoint">The finite reference point; its length is the number of objectives.</param>
    /// <returns>The hypervolume (0 when nothing is strictly better than the reference; positive infinity when unbounded).</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="referencePoint"/> is empty or not finite; the length of <paramref name="points"/> is
    /// not a multiple of the reference length; or a value is NaN.
    /// </exception>
    public static double Compute(ReadOnlySpan<double> points, ReadOnlySpan<double> referencePoint)
    {
        ValidateReference(referencePoint);
        var selection = Select(points, referencePoint);
        return Compute(selection, referencePoint);
    }

    /// <summary>
    /// Computes the exclusive hypervolume contribution of every point: the hypervolume of all points
    /// minus the hypervolume of all points except that one.
    /// </summary>
    /// <param name="points">
    /// The objective vectors, each with as many objectives as <paramref name="referencePoint"/>.
    /// </param>
    /// <param name="referencePoint">The finite reference point; at least one objective.</param>
    /// <returns>
    /// A new array with one non-negative contribution per point, in input order. Points that are not
    /// strictly better than the reference, that are dominated, or that have an identical copy contribute 0.
    /// </returns>
    /// <remarks>
    /// Two objectives take O(n log n) (each staircase point's rectangle between its neighbours, minus
    /// what the points dominated only by it cover). Three or more compute, for each distinct
    /// non-dominated point, its box minus the hypervolume of the limit set of the other points:
    /// O(n² log n) for three objectives.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="referencePoint"/> is empty or not finite; a point is <see langword="null"/>, has a
    /// different number of objectives than the reference point, or contains NaN; or a point strictly
    /// better than the reference has an objective equal to negative infinity (unbounded contribution).
    /// </exception>
    public static double[] Contributions(IReadOnlyList<double[]> points, ReadOnlySpan<double> referencePoint)
    {
        ArgumentNullException.ThrowIfNull(points);
        ValidateReference(referencePoint);
        var selection = Select(points, referencePoint);
        return Contributions(selection, points.Count, referencePoint, nameof(points));
    }

    /// <summary>
    /// Computes the exclusive hypervolume contribution of every point of a row-major matrix (point
    /// <c>i</c>, objective <c>j</c> at index <c>i * referencePoint.Length + j</c>). See
    /// <see cref="Contributions(IReadOnlyList{double[]}, ReadOnlySpan{double})"/>.
    /// </summary>
    /// <param name="points">The objective values, row-major, minimized.</param>
    /// <param name="referencePoint">The finite reference point; its length is the number of objectives.</param>
    /// <returns>A new array with one non-negative contribution per point.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="referencePoint"/> is empty or not finite; the length of <paramref name="points"/> is
    /// not a multiple of the reference length; a value is NaN; or a point strictly better than the
    /// reference has an objective equal to negative infinity.
    /// </exception>
    public static double[] Contributions(ReadOnlySpan<double> points, ReadOnlySpan<double> referencePoint)
    {
        ValidateReference(referencePoint);
        var selection = Select(points, referencePoint);
        return Contributions(selection, points.Length / referencePoint.Length, referencePoint, nameof(points));
    }

    private static double Compute(Selection selection, ReadOnlySpan<double> referencePoint)
    {
        if (selection.Count == 0)
        {
            return 0.0;
        }

        if (selection.UnboundedIndex >= 0)
        {
            return double.PositiveInfinity;
        }

        var solver = new HypervolumeSolver(referencePoint, selection.Count);
        return solver.Compute(selection.Values, selection.Count);
    }

    private static double[] Contributions(Selection selection, int pointCount, ReadOnlySpan<double> referencePoint, string paramName)
    {
        var result = new double[pointCount];
        if (selection.Count == 0)
        {
            return result;
        }

        if (selection.UnboundedIndex >= 0)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Point {selection.UnboundedIndex} has an objective equal to negative infinity, so the region it dominates is unbounded and exclusive contributions cannot be computed."),
                paramName);
        }

        var solver = new HypervolumeSolver(referencePoint, selection.Count);
        var contributions = solver.Contributions(selection.Values, selection.Count);
        for (var k = 0; k < selection.Count; k++)
        {
            result[selection.Sources[k]] = contributions[k];
        }

        return result;
    }

    private static void ValidateReference(ReadOnlySpan<double> referencePoint)
    {
        if (referencePoint.IsEmpty)
        {
            throw new ArgumentException("The reference point must have at least one objective.", nameof(referencePoint));
        }

        for (var j = 0; j < referencePoint.Length; j++)
        {
            if (!double.IsFinite(referencePoint[j]))
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Reference point objective {j} is {referencePoint[j]}; the reference point must be finite."),
                    nameof(referencePoint));
            }
        }
    }

    private static Selection Select(IReadOnlyList<double[]> points, ReadOnlySpan<double> referencePoint)
    {
        var dimension = referencePoint.Length;
        var inside = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i] ?? throw ObjectiveMatrix.NullPoint(i, nameof(points));
            if (point.Length != dimension)
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Point {i} has {point.Length} objectives but the reference point has {dimension}."),
                    nameof(points));
            }

            ObjectiveMatrix.ThrowIfNaN(point, i, nameof(points));
            if (IsInside(point, referencePoint))
            {
                inside++;
            }
        }

        var selection = new Selection(inside, dimension);
        for (var i = 0; i < points.Count; i++)
        {
            selection.TryAdd(points[i], i, referencePoint);
        }

        return selection;
    }

    private static Selection Select(ReadOnlySpan<double> points, ReadOnlySpan<double> referencePoint)
    {
        var dimension = referencePoint.Length;
        if (points.Length % dimension != 0)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The number of values ({points.Length}) is not a multiple of the number of objectives of the reference point ({dimension})."),
                nameof(points));
        }

        var count = points.Length / dimension;
        var inside = 0;
        for (var i = 0; i < count; i++)
        {
            var point = points.Slice(i * dimension, dimension);
            ObjectiveMatrix.ThrowIfNaN(point, i, nameof(points));
            if (IsInside(point, referencePoint))
            {
                inside++;
            }
        }

        var selection = new Selection(inside, dimension);
        for (var i = 0; i < count; i++)
        {
            selection.TryAdd(points.Slice(i * dimension, dimension), i, referencePoint);
        }

        return selection;
    }

    private static bool IsInside(ReadOnlySpan<double> point, ReadOnlySpan<double> referencePoint)
    {
        for (var j = 0; j < point.Length; j++)
        {
            if (!(point[j] < referencePoint[j]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The points strictly inside the reference box, row-major, with their input indices.</summary>
    private sealed class Selection
    {
        private readonly int _dimension;

        public Selection(int capacity, int dimension)
        {
            _dimension = dimension;
            Values = new double[capacity * dimension];
            Sources = new int[capacity];
        }

        public double[] Values { get; }

        public int[] Sources { get; }

        public int Count { get; private set; }

        /// <summary>Input index of the first selected point with a negative-infinity objective, or -1.</summary>
        public int UnboundedIndex { get; private set; } = -1;

        public void TryAdd(ReadOnlySpan<double> point, int source, ReadOnlySpan<double> referencePoint)
        {
            if (!IsInside(point, referencePoint))
            {
                return;
            }

            point.CopyTo(Values.AsSpan(Count * _dimension, _dimension));
            Sources[Count] = source;
            Count++;
            if (UnboundedIndex < 0 && point.Contains(double.NegativeInfinity))
            {
                UnboundedIndex = source;
            }
        }
    }
}
