namespace Attune.Samplers;

/// <summary>
/// Decides where a study looks next. A trial's parameters come from two kinds of sampling:
/// <em>relative</em> sampling draws a joint point over a search space inferred from earlier trials
/// (<see cref="InferRelativeSearchSpace"/> then <see cref="SampleRelative"/>, once when the trial
/// starts), and <em>independent</em> sampling draws each remaining parameter on its own when the
/// objective suggests it (<see cref="SampleIndependent"/>). Values are in the distribution's internal
/// representation (the number, or the index of a categorical choice).
/// </summary>
/// <remarks>
/// A sampler is shared by every worker of a study and must be thread-safe. It keeps state only in
/// trial or study system attributes, never by talking to storage, so that workers in other processes
/// see the same state.
/// </remarks>
public abstract class Sampler
{
    private static readonly Dictionary<string, Distribution> NoSpace = [];
    private static readonly Dictionary<string, double> NoParams = [];

    /// <summary>The search space to sample jointly for <paramref name="trial"/>. Default: none.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The trial about to run.</param>
    /// <returns>Parameter names and their distributions.</returns>
    public virtual IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) => NoSpace;

    /// <summary>Draws a joint point over <paramref name="searchSpace"/>. Default: nothing.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The trial about to run.</param>
    /// <param name="searchSpace">The space from <see cref="InferRelativeSearchSpace"/>.</param>
    /// <returns>Internal values by parameter name; a parameter left out is sampled independently.</returns>
    public virtual IReadOnlyDictionary<string, double> SampleRelative(
        Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) => NoParams;

    /// <summary>Draws one parameter that relative sampling did not provide.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The running trial.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="distribution">Its distribution.</param>
    /// <returns>The internal value; it must lie in <paramref name="distribution"/>.</returns>
    public abstract double SampleIndependent(Study study, Trial trial, string name, Distribution distribution);

    /// <summary>Called when a trial starts, before any sampling. Default: nothing.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The new trial.</param>
    public virtual void BeforeTrial(Study study, Trial trial)
    {
    }

    /// <summary>Called when a trial finishes, before its final state is written (so the trial can still take system attributes). Default: nothing.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The finishing trial.</param>
    /// <param name="state">Its final state.</param>
    /// <param name="values">Its values when complete; otherwise <see langword="null"/>.</param>
    public virtual void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
    }
}
