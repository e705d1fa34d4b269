using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Attune.Pbt;

/// <summary>
/// The versioned JSON that population-based training keeps in system attributes: one
/// <see cref="SegmentKey"/> per segment trial, and <see cref="ConfigKey"/> on the study.
/// </summary>
internal static class PbtAttributes
{
    /// <summary>The trial system attribute describing a segment.</summary>
    public const string SegmentKey = "attune:pbt:segment";

    /// <summary>The study system attribute holding the run's fixed settings.</summary>
    public const string ConfigKey = "attune:pbt:config";

    /// <summary>The version of the JSON written.</summary>
    public const int Version = 1;

    /// <summary>The JSON of a segment (without its score, which is the trial's value).</summary>
    /// <param name="segment">The segment.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(PbtSegment segment) => Json(writer =>
        {
            writer.WriteNumber("member", segment.Member);
            writer.WriteNumber("generation", segment.Generation);
            writer.WriteNumber("start_step", segment.StartStep);
            writer.WriteNumber("end_step", segment.EndStep);
            WriteNullable(writer, "parent_member", segment.ParentMember);
            WriteNullable(writer, "parent_trial", segment.ParentTrial);
            writer.WriteBoolean("exploited", segment.Exploited);
            writer.WriteString("load_checkpoint", segment.LoadedCheckpoint);
            writer.WriteString("checkpoint", segment.Checkpoint);
        });

    /// <summary>Reads the segment a trial records, or <see langword="null"/> when the trial is not a segment.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The segment.</returns>
    /// <exception cref="InvalidOperationException">The attribute is malformed or of a newer version.</exception>
    public static PbtSegment? Read(TrialRecord trial)
    {
        if (!trial.SystemAttrs.TryGetValue(SegmentKey, out var raw) || raw is not string json)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var version = root.GetProperty("version").GetInt32();
            if (version > Version)
            {
                throw new InvalidOperationException(
                    $"Trial {trial.Number} records a PBT segment of version {version}; this Attune reads versions up to {Version}.");
            }

            return new PbtSegment
            {
                Member = root.GetProperty("member").GetInt32(),
                Generation = root.GetProperty("generation").GetInt32(),
                TrialNumber = trial.Number,
                State = trial.State,
                Score = trial.State == TrialState.Complete ? trial.Value : null,
                Hyperparameters = new PbtHyperparameters(trial.Params),
                StartStep = root.GetProperty("start_step").GetInt64(),
                EndStep = root.GetProperty("end_step").GetInt64(),
                ParentMember = ReadNullable(root, "parent_member"),
                ParentTrial = ReadNullable(root, "parent_trial"),
                Exploited = root.TryGetProperty("exploited", out var e) && e.GetBoolean(),
                LoadedCheckpoint = ReadString(root, "load_checkpoint"),
                Checkpoint = ReadString(root, "checkpoint"),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException)
        {
            throw new InvalidOperationException($"Trial {trial.Number} has a malformed '{SegmentKey}' attribute: {e.Message}", e);
        }
    }

    /// <summary>The JSON of the run's fixed settings.</summary>
    /// <param name="options">The options.</param>
    /// <param name="seed">The seed in use.</param>
    /// <param name="names">The hyperparameter names.</param>
    /// <returns>The JSON text.</returns>
    public static string WriteConfig(PbtOptions options, ulong seed, IEnumerable<string> names) => Json(writer =>
        {
            writer.WriteNumber("population_size", options.PopulationSize);
            writer.WriteNumber("perturbation_interval", options.PerturbationInterval);
            writer.WriteNumber("total_steps", options.TotalSteps);
            writer.WriteString("mode", options.Mode.ToString());
            writer.WriteString("explore", options.Explore.ToString());
            writer.WriteString("seed", seed.ToString(CultureInfo.InvariantCulture));
            writer.WriteStartArray("hyperparameters");
            foreach (var name in names)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
        });

    /// <summary>Checks a recorded configuration against the options and returns its seed.</summary>
    /// <param name="json">The recorded JSON.</param>
    /// <param name="options">The options of this runner.</param>
    /// <returns>The recorded seed.</returns>
    /// <exception cref="InvalidOperationException">The study was trained with other settings.</exception>
    public static ulong CheckConfig(string json, PbtOptions options)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        void Same(string property, string name, string expected)
        {
            var recorded = root.GetProperty(property).ValueKind == JsonValueKind.String
                ? root.GetProperty(property).GetString()
                : root.GetProperty(property).GetRawText();
            if (recorded != expected)
            {
                throw new InvalidOperationException(
                    $"The study was trained by population-based training with {name} = {recorded}, but this runner has {name} = {expected}; " +
                    "resume with the same settings or use another study.");
            }
        }

        Same("population_size", "PopulationSize", options.PopulationSize.ToString(CultureInfo.InvariantCulture));
        Same("perturbation_interval", "PerturbationInterval", options.PerturbationInterval.ToString(CultureInfo.InvariantCulture));
        Same("total_steps", "TotalSteps", options.TotalSteps.ToString(CultureInfo.InvariantCulture));
        Same("mode", "Mode", options.Mode.ToString());
        return ulong.Parse(root.GetProperty("seed").GetString()!, CultureInfo.InvariantCulture);
    }

    // An object with the version first, then what body writes.
    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static int? ReadNullable(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null;

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
}
