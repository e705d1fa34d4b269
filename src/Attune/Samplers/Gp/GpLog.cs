using Microsoft.Extensions.Logging;

namespace Attune.Samplers;

/// <summary>The log messages of <see cref="GpSampler"/>.</summary>
internal static partial class GpLog
{
    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Parameter '{Name}' (trial {Number}) is sampled by {Sampler} instead of GpSampler, because it is outside the search space that all complete trials share. Set WarnIndependentSampling = false to silence this warning.")]
    public static partial void IndependentSampling(ILogger logger, string name, int number, string sampler);

    [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "GpSampler: hyperparameters of model '{Model}' fitted on {Count} trials: lengthscales [{Lengthscales}], scale {Scale}, noise {Noise}.")]
    public static partial void Fitted(ILogger logger, string model, int count, string lengthscales, double scale, double noise);
}
