using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Attune.Randomness;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace QuickStart;

/// <summary>
/// One 8x8 handwritten digit from the UCI "optical recognition of handwritten digits" data set:
/// 64 pixel counts in 0..16 and the digit it shows.
/// </summary>
public sealed class DigitImage
{
    /// <summary>The 64 pixel counts (0..16), row by row.</summary>
    [VectorType(DigitsData.FeatureCount)]
    public float[] Features { get; set; } = [];

    /// <summary>The digit shown, 0..9.</summary>
    public uint Label { get; set; }
}

/// <summary>
/// A fixed train/validation split of the digits data set, ready for ML.NET.
/// </summary>
/// <param name="Train">The rows to train on (columns <c>Features</c>: 64 floats, <c>Label</c>: uint 0..9).</param>
/// <param name="Validation">The held-out rows to measure accuracy on (same schema).</param>
/// <param name="TrainCount">The number of rows in <paramref name="Train"/>.</param>
/// <param name="ValidationCount">The number of rows in <paramref name="Validation"/>.</param>
public sealed record DigitsSplit(IDataView Train, IDataView Validation, int TrainCount, int ValidationCount);

/// <summary>
/// Loads the handwritten digits data set (1797 rows, gzip-compressed CSV without a header:
/// 64 pixel counts, then the label) and splits it into a fixed, stratified train and validation part.
/// </summary>
public static class DigitsData
{
    /// <summary>The number of pixel features of one digit (8 x 8).</summary>
    public const int FeatureCount = 64;

    /// <summary>The number of classes (digits 0..9).</summary>
    public const int ClassCount = 10;

    /// <summary>The share of each class that <see cref="Default"/> holds out for validation.</summary>
    public const double DefaultValidationFraction = 0.25;

    /// <summary>The seed of the shuffle behind <see cref="Default"/>.</summary>
    public const int DefaultSplitSeed = 42;

    private static readonly Lazy<DigitsSplit> s_default = new(
        () => LoadSplit(DefaultPath, DefaultValidationFraction, DefaultSplitSeed),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The path of the data file that the build copies next to the program:
    /// <c>data/digits.csv.gz</c> under <see cref="AppContext.BaseDirectory"/>.
    /// </summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");

    /// <summary>
    /// The split of the file at <see cref="DefaultPath"/>: 75 % of each class for training, 25 % for
    /// validation, shuffled with seed 42. It is read once, on first use, and shared by every caller
    /// (the data views are read-only and may be read by several trainings at once).
    /// </summary>
    public static DigitsSplit Default => s_default.Value;

    /// <summary>Reads every row of a gzip-compressed digits CSV file.</summary>
    /// <param name="path">The path of the <c>.csv.gz</c> file.</param>
    /// <returns>The rows, in file order.</returns>
    /// <exception cref="InvalidDataException">A line does not hold 64 pixel counts and a label 0..9.</exception>
    public static IReadOnlyList<DigitImage> ReadRows(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);

        var rows = new List<DigitImage>(1797);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            rows.Add(ParseLine(line, lineNumber));
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException($"'{path}' holds no rows.");
        }

        return rows;
    }

    /// <summary>
    /// Reads a digits file and splits it: within each class the rows are shuffled with
    /// <paramref name="seed"/> and the first <paramref name="validationFraction"/> of them (rounded)
    /// go to validation, so both parts keep the class proportions of the whole.
    /// </summary>
    /// <param name="path">The path of the <c>.csv.gz</c> file.</param>
    /// <param name="validationFraction">The share of each class to hold out, strictly between 0 and 1.</param>
    /// <param name="seed">The seed of the shuffle; the same seed always gives the same split.</param>
    /// <returns>The split, as ML.NET data views over in-memory rows.</returns>
    public static DigitsSplit LoadSplit(string path, double validationFraction, int seed)
    {
        if (!(validationFraction > 0.0 && validationFraction < 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationFraction), validationFraction, "The validation fraction must lie strictly between 0 and 1.");
        }

        var rows = ReadRows(path);
        // Attune's seeded generator has a fixed algorithm, so the split is the same on every machine.
        var random = new SeededRandom((ulong)seed);
        var train = new List<DigitImage>();
        var validation = new List<DigitImage>();
        foreach (var group in rows.GroupBy(r => r.Label).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members.AsSpan());
            var holdOut = (int)Math.Round(members.Length * validationFraction, MidpointRounding.AwayFromZero);
            validation.AddRange(members.Take(holdOut));
            train.AddRange(members.Skip(holdOut));
        }

        // Interleave the classes so that no consumer sees them in long runs of one label.
        random.Shuffle(CollectionsMarshal.AsSpan(train));
        random.Shuffle(CollectionsMarshal.AsSpan(validation));

        // The views only enumerate these lists, so they are independent of the context that made them.
        var context = new MLContext(seed);
        return new DigitsSplit(
            context.Data.LoadFromEnumerable(train),
            context.Data.LoadFromEnumerable(validation),
            train.Count,
            validation.Count);
    }

    private static DigitImage ParseLine(string line, int lineNumber)
    {
        var fields = line.Split(',');
        if (fields.Length != FeatureCount + 1)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"Line {lineNumber}: expected {FeatureCount + 1} comma-separated values, found {fields.Length}."));
        }

        var features = new float[FeatureCount];
        for (var i = 0; i < FeatureCount; i++)
        {
            if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out features[i]))
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture, $"Line {lineNumber}, column {i + 1}: '{fields[i]}' is not a number."));
            }
        }

        if (!uint.TryParse(fields[FeatureCount], NumberStyles.Integer, CultureInfo.InvariantCulture, out var label)
            || label >= ClassCount)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"Line {lineNumber}: the label '{fields[FeatureCount]}' is not a digit 0..{ClassCount - 1}."));
        }

        return new DigitImage { Features = features, Label = label };
    }
}
