namespace Attune.MultiObjective;

/// <summary>
/// Compares row indices of a row-major matrix lexicographically on the first <c>keyLength</c>
/// columns. Values must not be NaN. Equal rows compare as equal.
/// </summary>
internal readonly struct LexicographicComparer : IComparer<int>
{
    private readonly double[] _values;
    private readonly int _stride;
    private readonly int _keyLength;

    /// <summary>Creates a comparer over <paramref name="values"/> with rows of <paramref name="stride"/> values.</summary>
    public LexicographicComparer(double[] values, int stride, int keyLength)
    {
        _values = values;
        _stride = stride;
        _keyLength = keyLength;
    }

    /// <inheritdoc />
    public int Compare(int x, int y)
    {
        var a = x * _stride;
        var b = y * _stride;
        for (var j = 0; j < _keyLength; j++)
        {
            var u = _values[a + j];
            var v = _values[b + j];
            if (u < v)
            {
                return -1;
            }

            if (u > v)
            {
                return 1;
            }
        }

        return 0;
    }
}
