using Microsoft.Extensions.Logging;

namespace Attune.Pbt;

/// <summary>The log messages of <see cref="PopulationBasedTraining"/>.</summary>
internal static partial class PbtLog
{
    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "PBT member {Member}, generation {Generation} (trial {Number}): exploits member {Parent} (trial {ParentNumber}) and explores to {Hyperparameters}.")]
    public static partial void Exploited(ILogger logger, int member, int generation, int number, int parent, int parentNumber, string hyperparameters);

    [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "PBT member {Member}, generation {Generation}: trial {Number} lost the claim to trial {Winner} of another runner.")]
    public static partial void DuplicateClaim(ILogger logger, int member, int generation, int number, int winner);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "PBT member {Member}, generation {Generation} (trial {Number}): checkpoint '{Checkpoint}' was deleted by another runner before it could be loaded; the segment is decided again.")]
    public static partial void CheckpointGone(ILogger logger, int member, int generation, int number, string checkpoint);
}
