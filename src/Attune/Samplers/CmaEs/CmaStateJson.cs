using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Attune.Samplers;

/// <summary>
/// The JSON form of <see cref="CmaStudyState"/>, version 1, kept in the study system attribute
/// <see cref="CmaEsSampler.StateKey"/>. Numbers are written in their shortest round-trip form, so a
/// state read back is bit-for-bit the state written, and every worker draws the same candidates.
/// </summary>
/// <remarks>
/// <code>
/// {"version": 1, "seed": u64, "generation": g,
///  "params": [{"name": n, "type": "float" | "int", "low": l, "high": h, "log": bool, "step": s | null}, …],
///  "strategy": "none" | "ipop" | "bipop", "inc_popsize": k, "base_popsize": λ₀, "base_sigma": σ₀,
///  "margin": bool, "orthogonal": bool, "restarts": r, "large_restarts": r, "small_evals": e, "large_evals": e,
///  "large_regime": bool, "run_start": g, "reserved": [trial numbers],
///  "run": {"popsize": λ, "separable": bool, "generation": g, "sigma0": σ, "sigma": σ,
///          "mean": […], "cov": [upper triangle row by row, or the diagonal], "pc": […], "ps": […],
///          "history": […], "margin_scale": […]?, "lra": {…}?}}
/// </code>
/// </remarks>
internal static class CmaStateJson
{
    /// <summary>The format version written.</summary>
    public const int Version = 1;

    /// <summary>Writes a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(CmaStudyState state)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var search = state.Search;
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteNumber("seed", search.Seed);
            writer.WriteNumber("generation", search.Generation);
            writer.WriteStartArray("params");
            for (var i = 0; i < state.Space.Dimension; i++)
            {
                WriteParameter(writer, state.Space.Names[i], state.Space.DistributionAt(i));
            }

            writer.WriteEndArray();
            writer.WriteString("strategy", search.Strategy.ToString().ToLowerInvariant());
            writer.WriteNumber("inc_popsize", search.IncPopSize);
            writer.WriteNumber("base_popsize", search.BasePopulationSize);
            writer.WriteNumber("base_sigma", search.BaseSigma);
            writer.WriteBoolean("margin", search.WithMargin);
            writer.WriteBoolean("orthogonal", search.Orthogonal);
            writer.WriteNumber("restarts", search.Restarts);
            writer.WriteNumber("large_restarts", search.LargeRestarts);
            writer.WriteNumber("small_evals", search.SmallEvaluations);
            writer.WriteNumber("large_evals", search.LargeEvaluations);
            writer.WriteBoolean("large_regime", search.LargeRegime);
            writer.WriteNumber("run_start", search.RunStart);
            writer.WriteStartArray("reserved");
            foreach (var number in state.Reserved)
            {
                writer.WriteNumberValue(number);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("run");
            WriteRun(writer, search.Optimizer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a state.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="studyName">The study's name, for messages.</param>
    /// <returns>The state.</returns>
    /// <exception cref="NotSupportedException">The state was written in another format version.</exception>
    /// <exception cref="InvalidOperationException">The text is not a CMA-ES state.</exception>
    public static CmaStudyState Read(string json, string studyName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var version = root.GetProperty("version").GetInt32();
            if (version != Version)
            {
                throw new NotSupportedException(
                    $"Study '{studyName}' holds a CmaEsSampler state in format version {version.ToString(CultureInfo.InvariantCulture)}; this version of Attune reads version {Version}.");
            }

            var space = new Dictionary<string, Distribution>(StringComparer.Ordinal);
            foreach (var item in root.GetProperty("params").EnumerateArray())
            {
                var (name, distribution) = ReadParameter(item);
                space[name] = distribution;
            }

            var cmaSpace = CmaSpace.From(space);
            if (cmaSpace.Dimension != space.Count)
            {
                throw new InvalidOperationException("a parameter of the state cannot be sampled by CMA-ES");
            }

            var strategy = root.GetProperty("strategy").GetString() switch
            {
                "none" => CmaRestartStrategy.None,
                "ipop" => CmaRestartStrategy.Ipop,
                "bipop" => CmaRestartStrategy.Bipop,
                var other => throw new InvalidOperationException($"unknown restart strategy '{other}'"),
            };
            var withMargin = root.GetProperty("margin").GetBoolean();
            var optimizer = ReadRun(root.GetProperty("run"), cmaSpace.Domain, withMargin);
            var search = new CmaSearch(
                optimizer,
                root.GetProperty("seed").GetUInt64(),
                strategy,
                root.GetProperty("inc_popsize").GetInt32(),
                root.GetProperty("base_popsize").GetInt32(),
                root.GetProperty("base_sigma").GetDouble(),
                withMargin)
            {
                Orthogonal = root.GetProperty("orthogonal").GetBoolean(),
                Generation = root.GetProperty("generation").GetInt64(),
                Restarts = root.GetProperty("restarts").GetInt32(),
                LargeRestarts = root.GetProperty("large_restarts").GetInt32(),
                SmallEvaluations = root.GetProperty("small_evals").GetInt64(),
                LargeEvaluations = root.GetProperty("large_evals").GetInt64(),
                LargeRegime = root.GetProperty("large_regime").GetBoolean(),
                RunStart = root.GetProperty("run_start").GetInt64(),
            };
            var reserved = root.GetProperty("reserved").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            return new CmaStudyState(cmaSpace, search, reserved);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidOperationException(
                $"Study '{studyName}' has an unreadable system attribute '{CmaEsSampler.StateKey}' ({e.Message}); delete it to start CMA-ES afresh.", e);
        }
    }

    // {"name": n, "type": "float" | "int", "low": l, "high": h, "log": bool, "step": s | null}
    private static void WriteParameter(Utf8JsonWriter writer, string name, Distribution distribution)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        switch (distribution)
        {
            case FloatDistribution f:
                writer.WriteString("type", "float");
                writer.WriteNumber("low", f.Low);
                writer.WriteNumber("high", f.High);
                writer.WriteBoolean("log", f.Log);
                if (f.Step is { } step)
                {
                    writer.WriteNumber("step", step);
                }
                else
                {
                    writer.WriteNull("step");
                }

                break;
            case IntDistribution d:
                writer.WriteString("type", "int");
                writer.WriteNumber("low", d.Low);
                writer.WriteNumber("high", d.High);
                writer.WriteBoolean("log", d.Log);
                writer.WriteNumber("step", d.Step);
                break;
            default:
                throw new InvalidOperationException($"Parameter '{name}' has a distribution CMA-ES does not sample: {distribution}.");
        }

        writer.WriteEndObject();
    }

    private static (string Name, Distribution Distribution) ReadParameter(JsonElement item)
    {
        var name = item.GetProperty("name").GetString() ?? throw new InvalidOperationException("a parameter has no name");
        var log = item.GetProperty("log").GetBoolean();
        var step = item.GetProperty("step");
        Distribution distribution = item.GetProperty("type").GetString() switch
        {
            "float" => new FloatDistribution(
                item.GetProperty("low").GetDouble(), item.GetProperty("high").GetDouble(), log, step.ValueKind == JsonValueKind.Null ? null : step.GetDouble()),
            "int" => new IntDistribution(item.GetProperty("low").GetInt32(), item.GetProperty("high").GetInt32(), log, step.GetInt32()),
            var other => throw new InvalidOperationException($"parameter '{name}' has an unknown type '{other}'"),
        };
        return (name, distribution);
    }

    private static void WriteRun(Utf8JsonWriter writer, CmaOptimizer run)
    {
        var n = run.Dimension;
        writer.WriteStartObject();
        writer.WriteNumber("popsize", run.PopulationSize);
        writer.WriteBoolean("separable", run.Parameters.Separable);
        writer.WriteNumber("generation", run.Generation);
        writer.WriteNumber("sigma0", run.InitialSigma);
        writer.WriteNumber("sigma", run.Sigma);
        WriteArray(writer, "mean", run.Mean);
        writer.WriteStartArray("cov");
        var c = run.Covariance;
        if (run.Parameters.Separable)
        {
            foreach (var v in c)
            {
                writer.WriteNumberValue(v);
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = i; j < n; j++)
                {
                    writer.WriteNumberValue(c[(i * n) + j]);
                }
            }
        }

        writer.WriteEndArray();
        WriteArray(writer, "pc", run.PathC);
        WriteArray(writer, "ps", run.PathSigma);
        WriteArray(writer, "history", run.FunctionHistory);
        if (run.Margin is { } margin)
        {
            WriteArray(writer, "margin_scale", margin.Scale);
        }

        if (run.LearningRate is { } rate)
        {
            writer.WriteStartObject("lra");
            WriteArray(writer, "e_mean", rate.MeanAverage);
            WriteArray(writer, "e_sigma", rate.CovarianceAverage);
            writer.WriteNumber("v_mean", rate.MeanVariance);
            writer.WriteNumber("v_sigma", rate.CovarianceVariance);
            writer.WriteNumber("eta_mean", rate.MeanRate);
            writer.WriteNumber("eta_sigma", rate.CovarianceRate);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static CmaOptimizer ReadRun(JsonElement run, CmaDomain domain, bool withMargin)
    {
        var n = domain.Dimension;
        var separable = run.GetProperty("separable").GetBoolean();
        var parameters = new CmaParameters(n, run.GetProperty("popsize").GetInt32(), separable);
        var packed = ReadArray(run.GetProperty("cov"));
        double[] covariance;
        if (separable)
        {
            covariance = Exactly(packed, n, "cov");
        }
        else
        {
            Exactly(packed, n * (n + 1) / 2, "cov");
            covariance = new double[n * n];
            var k = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = i; j < n; j++)
                {
                    covariance[(i * n) + j] = packed[k];
                    covariance[(j * n) + i] = packed[k];
                    k++;
                }
            }
        }

        CmaMargin? margin = null;
        if (run.TryGetProperty("margin_scale", out var scale))
        {
            margin = new CmaMargin(domain.Axes, parameters.PopulationSize, Exactly(ReadArray(scale), n, "margin_scale"));
        }
        else if (withMargin && domain.HasDiscrete)
        {
            throw new InvalidOperationException("a run with margin on discrete parameters lacks 'margin_scale'");
        }

        CmaLearningRate? learningRate = null;
        if (run.TryGetProperty("lra", out var lra))
        {
            learningRate = new CmaLearningRate(n)
            {
                MeanVariance = lra.GetProperty("v_mean").GetDouble(),
                CovarianceVariance = lra.GetProperty("v_sigma").GetDouble(),
                MeanRate = lra.GetProperty("eta_mean").GetDouble(),
                CovarianceRate = lra.GetProperty("eta_sigma").GetDouble(),
            };
            Exactly(ReadArray(lra.GetProperty("e_mean")), n, "e_mean").CopyTo(learningRate.MeanAverage, 0);
            Exactly(ReadArray(lra.GetProperty("e_sigma")), n * n, "e_sigma").CopyTo(learningRate.CovarianceAverage, 0);
        }

        return CmaOptimizer.Restore(
            parameters,
            domain,
            Exactly(ReadArray(run.GetProperty("mean")), n, "mean"),
            run.GetProperty("sigma").GetDouble(),
            run.GetProperty("sigma0").GetDouble(),
            covariance,
            Exactly(ReadArray(run.GetProperty("pc")), n, "pc"),
            Exactly(ReadArray(run.GetProperty("ps")), n, "ps"),
            run.GetProperty("generation").GetInt32(),
            Exactly(ReadArray(run.GetProperty("history")), 2 * parameters.FunctionHistoryLength, "history"),
            learningRate,
            margin);
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }

    private static double[] ReadArray(JsonElement element)
    {
        var values = new double[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            values[i++] = item.GetDouble();
        }

        return values;
    }

    private static double[] Exactly(double[] values, int count, string name) =>
        values.Length == count
            ? values
            : throw new InvalidOperationException($"'{name}' holds {values.Length} numbers instead of {count}");
}
