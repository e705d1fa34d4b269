using System.Globalization;
using System.IO.Compression;
using Attune.Randomness;

namespace Attune.Tests.LearningRate;

/// <summary>
/// The handwritten digits (8x8 pixel counts 0..16 and a label 0..9; gzip CSV without header, the format of
/// samples/QuickStart) read from the copy in the test output, pixels scaled to [0, 1], split 75/25 with a seed.
/// </summary>
internal sealed class DigitsSet
{
    public const int Features = 64;
    public const int Classes = 10;

    private static readonly Lazy<DigitsSet> Shared = new(() => Load(Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz"), seed: 42));

    private DigitsSet(float[][] trainX, int[] trainY, float[][] testX, int[] testY)
    {
        TrainX = trainX;
        TrainY = trainY;
        TestX = testX;
        TestY = testY;
    }

    public static DigitsSet Default => Shared.Value;

    public float[][] TrainX { get; }

    public int[] TrainY { get; }

    public float[][] TestX { get; }

    public int[] TestY { get; }

    private static DigitsSet Load(string path, ulong seed)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var rows = new List<(float[] X, int Y)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            var x = new float[Features];
            for (var i = 0; i < Features; i++)
            {
                x[i] = float.Parse(fields[i], CultureInfo.InvariantCulture) / 16f;
            }

            rows.Add((x, int.Parse(fields[Features], CultureInfo.InvariantCulture)));
        }

        var all = rows.ToArray();
        new SeededRandom(seed).Shuffle(all.AsSpan());
        var trainCount = all.Length * 3 / 4;
        var train = all[..trainCount];
        var test = all[trainCount..];
        return new DigitsSet(
            train.Select(r => r.X).ToArray(), train.Select(r => r.Y).ToArray(), test.Select(r => r.X).ToArray(), test.Select(r => r.Y).ToArray());
    }
}
