using System.Globalization;

namespace Attune.MultiObjective;

/// <summary>
/// Validation and flattening of objective vectors into a row-major <see cref="double"/> matrix
/// (point <c>i</c>, objective <c>j</c> lives at <c>i * dimension + j</c>).
/// </summary>
internal static class ObjectiveMatrix
{
    /// <summary>
    /// Validates that every point is non-null, has the same number of objectives as the first point
    /// (at least one) and contains no NaN, and copies the points into a row-major matrix.
    /// </summary>
    public static double[] Flatten(IReadOnlyList<double[]> points, string paramName, out int dimension)
    {
        ArgumentNullException.ThrowIfNull(points, paramName);
        var count = points.Count;
        if (count == 0)
        {
            dimension = 0;
            return [];
        }

        var first = points[0] ?? throw NullPoint(0, paramName);
        dimension = first.Length;
        if (dimension == 0)
        {
            throw new ArgumentException("Points must have at least one objective; point 0 has none.", paramName);
        }

        var flat = new double[checked(count * dimension)];
        for (var i = 0; i < count; i++)
        {
            var point = points[i] ?? throw NullPoint(i, paramName);
            if (point.Length != dimension)
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Point {i} has {point.Length} objectives but point 0 has {dimension}; all points must have the same number of objectives."),
                    paramName);
            }

            ThrowIfNaN(point, i, paramName);
            point.CopyTo(flat, i * dimension);
        }

        return flat;
    }

    /// <summary>
    /// Validates a row-major matrix: <paramref name="dimension"/> must be positive, the length must be
    /// a multiple of it, and no value may be NaN. Returns the number of points.
    /// </summary>
    public static int ValidateFlat(ReadOnlySpan<double> values, int dimension, string paramName, string dimensionParamName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension, dimensionParamName);
        if (values.Length % dimension != 0)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The number of values ({values.Length}) is not a multiple of the number of objectives ({dimension})."),
                paramName);
        }

        var count = values.Length / dimension;
        for (var i = 0; i < count; i++)
        {
            ThrowIfNaN(values.Slice(i * dimension, dimension), i, paramName);
        }

        return count;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the point and objective if <paramref name="point"/> contains NaN.</summary>
    public static void ThrowIfNaN(ReadOnlySpan<double> point, int index, string paramName)
    {
        for (var j = 0; j < point.Length; j++)
        {
            if (double.IsNaN(point[j]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Point {index} has NaN at objective {j}; objective values must not be NaN."),
                    paramName);
            }
        }
    }

    /// <summary>Creates the exception thrown for a null point.</summary>
    public static ArgumentException NullPoint(int index, string paramName) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Point {index} is null."), paramName);
}
