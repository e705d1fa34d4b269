using System.Globalization;

namespace Attune.Storage.Journal;

/// <summary>
/// Distributions in Optuna's JSON form (<c>optuna.distributions.distribution_to_json</c>), which its journal and
/// RDB storages hold as a string, e.g.
/// <c>{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}</c>.
/// </summary>
internal static class OptunaDistributionJson
{
    /// <summary>The JSON text Optuna writes for the distribution, byte for byte (attribute order, spacing, number forms).</summary>
    public static string ToJson(Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var writer = new PythonJsonWriter();
        Write(writer, distribution);
        return writer.ToString();
    }

    /// <summary>Writes the distribution's JSON object with <paramref name="writer"/>.</summary>
    public static void Write(PythonJsonWriter writer, Distribution distribution)
    {
        writer.StartObject();
        writer.Name("name");
        switch (distribution)
        {
            case FloatDistribution f:
                writer.String("FloatDistribution");
                writer.Name("attributes");
                writer.StartObject();
                writer.Name("step");
                if (f.Step is { } step)
                {
                    writer.Number(step);
                }
                else
                {
                    writer.Null();
                }

                writer.Name("low");
                writer.Number(f.Low);
                writer.Name("high");
                writer.Number(f.High);
                writer.Name("log");
                writer.Bool(f.Log);
                writer.EndObject();
                break;
            case IntDistribution i:
                writer.String("IntDistribution");
                writer.Name("attributes");
                writer.StartObject();
                writer.Name("log");
                writer.Bool(i.Log);
                writer.Name("step");
                writer.Number(i.Step);
                writer.Name("low");
                writer.Number(i.Low);
                writer.Name("high");
                writer.Number(i.High);
                writer.EndObject();
                break;
            case CategoricalDistribution c:
                writer.String("CategoricalDistribution");
                writer.Name("attributes");
                writer.StartObject();
                writer.Name("choices");
                writer.StartArray();
                foreach (var choice in c.Choices)
                {
                    WriteChoice(writer, choice);
                }

                writer.EndArray();
                writer.EndObject();
                break;
            default:
                throw new ArgumentException($"{distribution.GetType().Name} has no Optuna JSON form.", nameof(distribution));
        }

        writer.EndObject();
    }

    /// <summary>
    /// Reads a distribution from Optuna's JSON, including the abbreviated form and Optuna 2's classes
    /// (UniformDistribution, LogUniformDistribution, DiscreteUniformDistribution, IntUniformDistribution,
    /// IntLogUniformDistribution), which map onto Float and Int distributions.
    /// </summary>
    /// <exception cref="FormatException">The text is not a distribution Attune can represent.</exception>
    public static Distribution Parse(string json)
    {
        if (PythonJsonReader.Parse(json) is not Dictionary<string, object?> root)
        {
            throw new FormatException("A distribution must be a JSON object.");
        }

        try
        {
            if (root.TryGetValue("name", out var name))
            {
                var attributes = root.TryGetValue("attributes", out var a) && a is Dictionary<string, object?> map
                    ? map
                    : throw new FormatException("The distribution has no \"attributes\" object.");
                return name switch
                {
                    "FloatDistribution" => new FloatDistribution(
                        Real(attributes, "low"), Real(attributes, "high"), Flag(attributes, "log"), OptionalReal(attributes, "step")),
                    "UniformDistribution" => new FloatDistribution(Real(attributes, "low"), Real(attributes, "high")),
                    "LogUniformDistribution" => new FloatDistribution(Real(attributes, "low"), Real(attributes, "high"), log: true),
                    "DiscreteUniformDistribution" => new FloatDistribution(
                        Real(attributes, "low"), Real(attributes, "high"), step: Real(attributes, "q")),
                    "IntDistribution" => new IntDistribution(
                        Whole(attributes, "low"), Whole(attributes, "high"), Flag(attributes, "log"), OptionalWhole(attributes, "step") ?? 1),
                    "IntUniformDistribution" => new IntDistribution(
                        Whole(attributes, "low"), Whole(attributes, "high"), step: OptionalWhole(attributes, "step") ?? 1),
                    "IntLogUniformDistribution" => new IntDistribution(Whole(attributes, "low"), Whole(attributes, "high"), log: true),
                    "CategoricalDistribution" => new CategoricalDistribution(Choices(attributes)),
                    _ => throw new FormatException($"Unknown distribution class {name}."),
                };
            }

            return (root.TryGetValue("type", out var type) ? type : null) switch
            {
                "categorical" => new CategoricalDistribution(Choices(root)),
                "float" => new FloatDistribution(Real(root, "low"), Real(root, "high"), Flag(root, "log"), OptionalReal(root, "step")),
                "int" => new IntDistribution(Whole(root, "low"), Whole(root, "high"), Flag(root, "log"), OptionalWhole(root, "step") ?? 1),
                _ => throw new FormatException("The distribution has neither a \"name\" nor a known \"type\"."),
            };
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"The distribution is invalid: {e.Message}", e);
        }
    }

    private static void WriteChoice(PythonJsonWriter writer, object? choice)
    {
        switch (choice)
        {
            case null:
                writer.Null();
                break;
            case string s:
                writer.String(s);
                break;
            case bool b:
                writer.Bool(b);
                break;
            case Enum e:
                writer.String(e.ToString());
                break;
            case int or long or short or byte or sbyte or uint or ushort:
                writer.Number(Convert.ToInt64(choice, CultureInfo.InvariantCulture));
                break;
            default:
                // Floats, decimals and integers beyond long: as the double Attune compares choices by.
                writer.Number((double)CategoricalDistribution.Canonical(choice)!);
                break;
        }
    }

    private static List<object?> Choices(Dictionary<string, object?> attributes)
    {
        if (!attributes.TryGetValue("choices", out var choices) || choices is not List<object?> list)
        {
            throw new FormatException("A categorical distribution needs a \"choices\" list.");
        }

        foreach (var choice in list)
        {
            if (choice is List<object?> or Dictionary<string, object?>)
            {
                throw new FormatException("A categorical choice must be null, a boolean, a number or a string.");
            }
        }

        return list;
    }

    private static double Real(Dictionary<string, object?> attributes, string key) =>
        OptionalReal(attributes, key) ?? throw new FormatException($"The distribution has no number \"{key}\".");

    private static double? OptionalReal(Dictionary<string, object?> attributes, string key) =>
        attributes.TryGetValue(key, out var value) ? value switch
        {
            null => null,
            long l => l,
            double d => d,
            _ => throw new FormatException($"The distribution's \"{key}\" is not a number."),
        } : null;

    private static int Whole(Dictionary<string, object?> attributes, string key) =>
        OptionalWhole(attributes, key) ?? throw new FormatException($"The distribution has no integer \"{key}\".");

    private static int? OptionalWhole(Dictionary<string, object?> attributes, string key)
    {
        if (OptionalReal(attributes, key) is not { } value)
        {
            return null;
        }

        return value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new FormatException($"The distribution's \"{key}\" is not an integer within the range of int.");
    }

    private static bool Flag(Dictionary<string, object?> attributes, string key) =>
        attributes.TryGetValue(key, out var value) && value switch
        {
            bool b => b,
            null => false,
            _ => throw new FormatException($"The distribution's \"{key}\" is not a boolean."),
        };
}
