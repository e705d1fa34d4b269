using Microsoft.Extensions.Logging;

namespace Attune.Samplers;

/// <summary>The log messages of <see cref="AutoSampler"/>.</summary>
internal static partial class AutoLog
{
    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "AutoSampler: trial {Number} and on use {Choice} ({Complete} complete and {Pruned} pruned trials; conditional space: {Conditional}; categorical parameters: {Categorical}).")]
    public static partial void Switched(ILogger logger, int number, AutoSamplerChoice choice, int complete, int pruned, bool conditional, bool categorical);
}
