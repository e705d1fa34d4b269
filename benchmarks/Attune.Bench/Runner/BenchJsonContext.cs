using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.Bench.Runner;

/// <summary>Reflection-free JSON for <see cref="BenchReport"/>; NaN (no complete trial yet) is written as "NaN".</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BenchReport))]
public sealed partial class BenchJsonContext : JsonSerializerContext
{
    /// <summary>The generated context, writing '+', apostrophes and non-ASCII text as they are rather than as \u escapes.</summary>
    public static BenchJsonContext Readable => LazyReadable.Value;

    private static readonly Lazy<BenchJsonContext> LazyReadable = new(
        () => new BenchJsonContext(new JsonSerializerOptions(Default!.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
}
