using System.Globalization;
using System.IO.Compression;
using Attune.Randomness;

namespace PbtDigits;

/// <summary>Rows of the digits data set: 64 pixel counts scaled to [0, 1] and the digit (0..9).</summary>
/// <param name="Features">The pixels, one array of 64 per row.</param>
/// <param name="Labels">The digits.</param>
public sealed record DigitRows(double[][] Features, int[] Labels)
{
    /// <summary>The number of rows.</summary>
    public int Count => Labels.Length;
}

/// <summary>A stratified train / validation / test split of the digits data set.</summary>
/// <param name="Train">What the models train on.</param>
/// <param name="Validation">What PBT and random search score and select on.</param>
/// <param name="Test">Held out from every decision; reported for the selected models only.</param>
public sealed record DigitsSplit(DigitRows Train, DigitRows Validation, DigitRows Test);

/// <summary>
/// Loads the UCI handwritten digits (1797 rows, gzip-compressed CSV without a header: 64 pixel counts 0..16, then
/// the label) and splits each class 60 / 20 / 20 after a seeded shuffle.
/// </summary>
public static class Digits
{
    /// <summary>The number of pixel features of one digit (8 x 8).</summary>
    public const int FeatureCount = 64;

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>The data file the build copies next to the program.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");

    /// <summary>Reads and splits the file.</summary>
    /// <param name="path">The <c>.csv.gz</c> file.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <returns>The split.</returns>
    /// <exception cref="InvalidDataException">A line does not hold 64 pixel counts and a label 0..9.</exception>
    public static DigitsSplit Load(string path, ulong seed)
    {
        var rows = Read(path);
        var random = new SeededRandom(seed);
        var train = new List<(double[], int)>();
        var validation = new List<(double[], int)>();
        var test = new List<(double[], int)>();
        foreach (var group in rows.GroupBy(r => r.Label).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members.AsSpan());
            var fifth = (int)Math.Round(members.Length * 0.2);
            validation.AddRange(members.Take(fifth));
            test.AddRange(members.Skip(fifth).Take(fifth));
            train.AddRange(members.Skip(2 * fifth));
        }

        return new DigitsSplit(Rows(train, random), Rows(validation, random), Rows(test, random));
    }

    private static DigitRows Rows(List<(double[] Features, int Label)> rows, SeededRandom random)
    {
        var array = rows.ToArray();
        random.Shuffle(array.AsSpan());
        return new DigitRows(array.Select(r => r.Features).ToArray(), array.Select(r => r.Label).ToArray());
    }

    private static List<(double[] Features, int Label)> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var rows = new List<(double[], int)>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != FeatureCount + 1)
            {
                throw new InvalidDataException($"Line {number} of '{path}' has {fields.Length} fields; expected {FeatureCount} pixels and a label.");
            }

            var features = new double[FeatureCount];
            for (var i = 0; i < FeatureCount; i++)
            {
                features[i] = double.Parse(fields[i], CultureInfo.InvariantCulture) / 16.0;
            }

            var label = int.Parse(fields[FeatureCount], CultureInfo.InvariantCulture);
            if (label is < 0 or >= ClassCount)
            {
                throw new InvalidDataException($"Line {number} of '{path}' has the label {label}; expected 0..9.");
            }

            rows.Add((features, label));
        }

        return rows;
    }
}
