using Microsoft.Extensions.Logging;

namespace Attune.Samplers;

/// <summary>The log messages of <see cref="QmcSampler"/>.</summary>
internal static partial class QmcLog
{
    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Parameter '{Name}' (trial {Number}) is sampled by {Sampler} instead of QmcSampler, which samples only the numerical parameters of the search space fixed by trial {SpaceTrial}; categorical parameters and parameters outside that space are sampled independently. Set WarnIndependentSampling = false to silence this warning.")]
    public static partial void IndependentSampling(ILogger logger, string name, int number, string sampler, int spaceTrial);

    [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "QmcSampler: search space fixed by trial {SpaceTrial}: {Params}.")]
    public static partial void SearchSpaceFixed(ILogger logger, int spaceTrial, string @params);
}
