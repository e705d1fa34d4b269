using System.Globalization;

namespace Attune.MultiObjective;

/// <summary>
/// Pareto dominance, non-dominated sorting and Pareto-front extraction. All objectives are
/// minimized; negate an objective to maximize it.
/// </summary>
/// <remarks>
/// Point <c>a</c> dominates point <c>b</c> iff <c>a</c> is less than or equal to <c>b</c> in every
/// objective and strictly less in at least one. Identical points never dominate each other and
/// always receive the same rank. Infinities are ordinary (ordered) values; NaN is rejected.
/// All members are thread-safe: they keep no shared state and do not modify their inputs.
/// </remarks>
public static class ParetoFront
{
    /// <summary>
    /// Determines whether <paramref name="a"/> Pareto-dominates <paramref name="b"/> under minimization:
    /// <paramref name="a"/> is no worse in every objective and strictly better in at least one.
    /// </summary>
    /// <param name="a">The candidate dominating point.</param>
    /// <param name="b">The candidate dominated point.</param>
    /// <returns>
    /// <see langword="true"/> if <paramref name="a"/> dominates <paramref name="b"/>; <see langword="false"/>
    /// otherwise, including when the points are identical or both are empty.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// The points have different lengths, or either contains NaN.
    /// </exception>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The points have different numbers of objectives ({a.Length} and {b.Length})."),
                nameof(b));
        }

        var better = false;
        var worse = false;
        for (var j = 0; j < a.Length; j++)
        {
            var x = a[j];
            var y = b[j];
            if (x < y)
            {
                better = true;
            }
            else if (x > y)
            {
                worse = true;
            }
            else if (double.IsNaN(x) || double.IsNaN(y))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Objective {j} is NaN; objective values must not be NaN."),
                    double.IsNaN(x) ? nameof(a) : nameof(b));
            }
        }

        return better && !worse;
    }

    /// <summary>
    /// Computes the non-dominated rank of every point: rank 0 is the Pareto front, rank 1 is the front
    /// of the points left after removing rank 0, and so on. Identical points share a rank.
    /// </summary>
    /// <param name="points">The objective vectors, all of the same length (at least one), minimized.</param>
    /// <returns>
    /// A new array with one rank per point, in input order; empty when <paramref name="points"/> is empty.
    /// </returns>
    /// <remarks>
    /// Two objectives take O(n log n) time (lexicographic sort, then a binary search over the most
    /// recent point of each front); three take O(n log² n) (divide and conquer with a Fenwick tree);
    /// four or more use efficient non-dominated sorting with a binary search over fronts, O(n log n)
    /// plus at most O(m n²) dominance checks (m objectives) with early exits.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A point is <see langword="null"/> or empty, the points have different lengths (the message names the
    /// first offending index), or a value is NaN.
    /// </exception>
    public static int[] NonDominatedRanks(IReadOnlyList<double[]> points)
    {
        var values = ObjectiveMatrix.Flatten(points, nameof(points), out var dimension);
        return NonDominatedSorting.Ranks(values, points.Count, dimension, firstFrontOnly: false);
    }

    /// <summary>
    /// Computes the non-dominated rank of every point of a row-major matrix (point <c>i</c>, objective
    /// <c>j</c> at index <c>i * objectiveCount + j</c>). See <see cref="NonDominatedRanks(IReadOnlyList{double[]})"/>.
    /// </summary>
    /// <param name="points">The objective values, row-major, minimized.</param>
    /// <param name="objectiveCount">The number of objectives per point; at least 1.</param>
    /// <returns>A new array with one rank per point; empty when <paramref name="points"/> is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="objectiveCount"/> is zero or negative.</exception>
    /// <exception cref="ArgumentException">
    /// The length of <paramref name="points"/> is not a multiple of <paramref name="objectiveCount"/>, or a value is NaN.
    /// </exception>
    public static int[] NonDominatedRanks(ReadOnlySpan<double> points, int objectiveCount)
    {
        var count = ObjectiveMatrix.ValidateFlat(points, objectiveCount, nameof(points), nameof(objectiveCount));
        return NonDominatedSorting.Ranks(points.ToArray(), count, objectiveCount, firstFrontOnly: false);
    }

    /// <summary>
    /// Returns the indices of the points on the Pareto front (rank 0), in ascending input order.
    /// Identical non-dominated points are all included.
    /// </summary>
    /// <param name="points">The objective vectors, all of the same length (at least one), minimized.</param>
    /// <returns>A new array of indices; empty when <paramref name="points"/> is empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A point is <see langword="null"/> or empty, the points have different lengths, or a value is NaN.
    /// </exception>
    public static int[] ParetoFrontIndices(IReadOnlyList<double[]> points)
    {
        var values = ObjectiveMatrix.Flatten(points, nameof(points), out var dimension);
        return FrontIndices(values, points.Count, dimension);
    }

    /// <summary>
    /// Returns the indices of the Pareto-front points of a row-major matrix (point <c>i</c>, objective
    /// <c>j</c> at index <c>i * objectiveCount + j</c>), in ascending order.
    /// </summary>
    /// <param name="points">The objective values, row-major, minimized.</param>
    /// <param name="objectiveCount">The number of objectives per point; at least 1.</param>
    /// <returns>A new array of indices; empty when <paramref name="points"/> is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="objectiveCount"/> is zero or negative.</exception>
    /// <exception cref="ArgumentException">
    /// The length of <paramref name="points"/> is not a multiple of <paramref name="objectiveCount"/>, or a value is NaN.
    /// </exception>
    public static int[] ParetoFrontIndices(ReadOnlySpan<double> points, int objectiveCount)
    {
        var count = ObjectiveMatrix.ValidateFlat(points, objectiveCount, nameof(points), nameof(objectiveCount));
        return FrontIndices(points.ToArray(), count, objectiveCount);
    }

    private static int[] FrontIndices(double[] values, int count, int dimension)
    {
        var ranks = NonDominatedSorting.Ranks(values, count, dimension, firstFrontOnly: true);
        var size = 0;
        foreach (var rank in ranks)
        {
            if (rank == 0)
            {
                size++;
            }
        }

        var indices = new int[size];
        var next = 0;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (ranks[i] == 0)
            {
                indices[next++] = i;
            }
        }

        return indices;
    }
}
