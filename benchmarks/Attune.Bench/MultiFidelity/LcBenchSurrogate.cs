using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace Attune.Bench.MultiFidelity;

/// <summary>
/// The YAHPO Gym lcbench surrogate (data/yahpo/lcbench/model.onnx) on a CPU session with one thread:
/// raw hyperparameters in, the six targets at every epoch out. Thread-safe (ONNX Runtime sessions
/// may be run concurrently).
/// </summary>
public sealed class LcBenchSurrogate : IDisposable
{
    /// <summary>Epochs 1 … 52, the fidelity.</summary>
    public const int Epochs = 52;

    private const int ContinuousInputs = 8;
    private const int Outputs = 6;
    private const int ValAccuracy = 1;

    private static readonly string[] InputNames = ["x_cat", "x_cont"];
    private static readonly string[] OutputNames = ["output"];

    private readonly InferenceSession session;
    private readonly Dictionary<string, int> codes;
    private readonly Dictionary<string, (double Min, double Max)> statistics;

    private LcBenchSurrogate(InferenceSession session, Dictionary<string, int> codes, Dictionary<string, (double, double)> statistics)
    {
        this.session = session;
        this.codes = codes;
        this.statistics = statistics;
    }

    /// <summary>The directory of the copied data, next to the executable.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "data", "yahpo", "lcbench");

    /// <summary>Loads the model, the task codes and the instance statistics.</summary>
    /// <param name="directory">The lcbench data directory; default <see cref="DefaultDirectory"/>.</param>
    /// <returns>The surrogate.</returns>
    public static LcBenchSurrogate Load(string? directory = null)
    {
        directory ??= DefaultDirectory;
        using var encoding = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "encoding.json")));
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var level in encoding.RootElement.GetProperty("OpenML_task_id").EnumerateObject())
        {
            codes[level.Name] = level.Value.GetInt32();
        }

        var statistics = new Dictionary<string, (double Min, double Max)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(directory, "val_accuracy_statistics.csv")).Skip(1))
        {
            // metric,statistic,value,scenario,instance
            var cells = line.Split(',');
            if (cells.Length != 5 || cells[0] != "val_accuracy" || cells[3] != "lcbench")
            {
                continue;
            }

            var value = double.Parse(cells[2], CultureInfo.InvariantCulture);
            statistics.TryGetValue(cells[4], out var known);
            statistics[cells[4]] = cells[1] == "min" ? (value, known.Max) : (known.Min, value);
        }

        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        return new LcBenchSurrogate(new InferenceSession(Path.Combine(directory, "model.onnx"), options), codes, statistics);
    }

    /// <summary>The task with its code and statistics.</summary>
    /// <param name="id">The OpenML task id.</param>
    /// <returns>The task.</returns>
    /// <exception cref="ArgumentException">The id is not an lcbench instance.</exception>
    public LcBenchTask Task(string id)
    {
        if (!codes.TryGetValue(id, out var code) || !statistics.TryGetValue(id, out var stats))
        {
            throw new ArgumentException($"'{id}' is not an lcbench task with statistics; known: {string.Join(", ", statistics.Keys.Order(StringComparer.Ordinal))}.", nameof(id));
        }

        return new LcBenchTask(id, code, stats.Min, stats.Max);
    }

    /// <summary>val_accuracy (%) at epochs 1 … 52 of one configuration, from one batched call.</summary>
    /// <param name="task">The task.</param>
    /// <param name="config">The configuration.</param>
    /// <returns>52 values; index e − 1 holds epoch e.</returns>
    public double[] ValAccuracyCurve(LcBenchTask task, LcBenchConfig config)
    {
        var curve = new double[Epochs];
        Evaluate(task, config, 1, curve);
        return curve;
    }

    /// <summary>Writes val_accuracy (%) at epochs <paramref name="firstEpoch"/> … <paramref name="firstEpoch"/> + length − 1 into <paramref name="values"/>, from one batched call.</summary>
    /// <param name="task">The task.</param>
    /// <param name="config">The configuration.</param>
    /// <param name="firstEpoch">The first epoch (1 … 52).</param>
    /// <param name="values">Receives one value per epoch.</param>
    public void Evaluate(LcBenchTask task, LcBenchConfig config, int firstEpoch, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(config);
        var rows = values.Length;
        if (rows == 0 || firstEpoch < 1 || firstEpoch + rows - 1 > Epochs)
        {
            throw new ArgumentOutOfRangeException(nameof(values), $"Epochs {firstEpoch} … {firstEpoch + rows - 1} are not within 1 … {Epochs}.");
        }

        var categorical = new int[rows];
        var continuous = new float[rows * ContinuousInputs];
        for (var r = 0; r < rows; r++)
        {
            categorical[r] = task.Code;
            var row = continuous.AsSpan(r * ContinuousInputs, ContinuousInputs);
            row[0] = firstEpoch + r;
            row[1] = config.BatchSize;
            row[2] = (float)config.LearningRate;
            row[3] = (float)config.Momentum;
            row[4] = (float)config.WeightDecay;
            row[5] = config.NumLayers;
            row[6] = config.MaxUnits;
            row[7] = (float)config.MaxDropout;
        }

        using var xCat = OrtValue.CreateTensorValueFromMemory(categorical, [rows, 1]);
        using var xCont = OrtValue.CreateTensorValueFromMemory(continuous, [rows, ContinuousInputs]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, InputNames, [xCat, xCont], OutputNames);
        var shape = results[0].GetTensorTypeAndShape().Shape;
        if (shape.Length != 2 || shape[0] != rows || shape[1] != Outputs)
        {
            throw new InvalidOperationException($"The lcbench model returned shape [{string.Join(", ", shape)}], not [{rows}, {Outputs}].");
        }

        var output = results[0].GetTensorDataAsSpan<float>();
        for (var r = 0; r < rows; r++)
        {
            values[r] = output[(r * Outputs) + ValAccuracy];
        }
    }

    /// <inheritdoc/>
    public void Dispose() => session.Dispose();
}
