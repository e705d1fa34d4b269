using Microsoft.Extensions.Logging;

namespace Attune.Samplers;

/// <summary>The log messages of <see cref="CmaEsSampler"/>.</summary>
internal static partial class CmaLog
{
    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Parameter '{Name}' (trial {Number}) is sampled by {Sampler} instead of CmaEsSampler, which samples jointly only the numerical parameters that every evaluated trial has with one distribution; categorical parameters and parameters outside that space are sampled independently. Set WarnIndependentSampling = false to silence this warning.")]
    public static partial void IndependentSampling(ILogger logger, string name, int number, string sampler);

    [LoggerMessage(EventId = 322, Level = LogLevel.Debug, Message = "CmaEsSampler: CMA-ES state created for {Dimension} parameters ({Params}) with population {PopulationSize} and step size {Sigma}.")]
    public static partial void StateCreated(ILogger logger, int dimension, string @params, int populationSize, double sigma);

    [LoggerMessage(EventId = 323, Level = LogLevel.Information, Message = "CmaEsSampler: restart {Restart} ({Strategy}) at generation {Generation}: population {PopulationSize}, step size {Sigma}.")]
    public static partial void Restarted(ILogger logger, int restart, string strategy, long generation, int populationSize, double sigma);

    [LoggerMessage(EventId = 324, Level = LogLevel.Information, Message = "CmaEsSampler: the search space changed from ({From}) to ({To}); CMA-ES continues on the new space from generation {Generation}.")]
    public static partial void SpaceChanged(ILogger logger, string from, string to, long generation);

    [LoggerMessage(EventId = 325, Level = LogLevel.Warning, Message = "CmaEsSampler: study '{Study}' holds a CMA-ES state created with other options ({Differences}); this sampler follows the study's state.")]
    public static partial void OptionsDiffer(ILogger logger, string study, string differences);
}
