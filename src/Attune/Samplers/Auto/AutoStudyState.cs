using System.Collections.Concurrent;

namespace Attune.Samplers;

/// <summary><see cref="AutoSampler"/>'s state for one study: what it knows of the trials and which sampler runs each running trial.</summary>
internal sealed class AutoStudyState
{
    /// <summary>Serialises choices (the profile is read in time order under it).</summary>
    public Lock Gate { get; } = new();

    /// <summary>What is known of the finished trials.</summary>
    public AutoStudyProfile Profile { get; } = new();

    /// <summary>The choice for each trial started in this process and not yet finished, by trial number.</summary>
    public ConcurrentDictionary<int, AutoSamplerChoice> Choices { get; } = new();

    /// <summary>The CMA-ES sampler, created when the study first switches to it (warm-started from the trials then).</summary>
    public CmaEsSampler? CmaEs { get; set; }

    /// <summary>The last choice made in this process, to log switches once.</summary>
    public AutoSamplerChoice? Last { get; set; }
}
