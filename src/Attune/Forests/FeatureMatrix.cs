namespace Attune.Forests;

/// <summary>
/// Training inputs of a forest, one column per feature, with each column's sample order sorted by
/// value computed once and shared by every tree.
/// </summary>
internal sealed class FeatureMatrix
{
    /// <summary>Creates the matrix and sorts each column.</summary>
    /// <param name="columns">One array per feature, all of the same length; not copied.</param>
    public FeatureMatrix(double[][] columns)
    {
        Columns = columns;
        Features = columns.Length;
        Rows = columns.Length == 0 ? 0 : columns[0].Length;
        Orders = new int[Features][];
        var keys = new double[Rows];
        for (var f = 0; f < Features; f++)
        {
            var order = new int[Rows];
            for (var i = 0; i < Rows; i++)
            {
                order[i] = i;
            }

            columns[f].CopyTo(keys, 0);
            Array.Sort(keys, order);
            Orders[f] = order;
        }
    }

    /// <summary>The feature columns.</summary>
    public double[][] Columns { get; }

    /// <summary>The sample indices of each column in ascending order of value.</summary>
    public int[][] Orders { get; }

    /// <summary>The number of features.</summary>
    public int Features { get; }

    /// <summary>The number of samples.</summary>
    public int Rows { get; }
}
