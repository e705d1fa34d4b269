namespace Attune.Samplers.Tpe;

/// <summary>
/// TPE's view of a study's warm-start trials (<see cref="Study.WarmStartTrials"/>): for each set of kernel dimensions,
/// a trial history of the source trials that have every dimension with a value the dimension admits (numerical
/// parameters of the same kind inside this study's range, categorical ones with the same choices), renumbered in
/// order. Thread-safe; a returned state is used under its <see cref="TpeStudyState.Gate"/>.
/// </summary>
internal sealed class TpeWarmStart
{
    /// <summary>The fewest source trials worth a model.</summary>
    private const int MinimumTrials = 2;

    private readonly List<(KernelDimension[] Dims, TpeStudyState? State)> states = [];
    private readonly Lock gate = new();

    /// <summary>
    /// The weight of the source model after <paramref name="ownTrials"/> usable trials of the study: 1 during startup
    /// (the study has no model of its own), then w₀·D/(D + n) with n the trials beyond startup.
    /// </summary>
    public static double Weight(TpeSamplerOptions options, int ownTrials)
    {
        if (ownTrials < options.StartupTrials)
        {
            return 1.0;
        }

        var beyond = ownTrials - options.StartupTrials;
        return options.WarmStartWeight * options.WarmStartDecayTrials / (options.WarmStartDecayTrials + (double)beyond);
    }

    /// <summary>The source state for <paramref name="dims"/>, or <see langword="null"/> when fewer than two source trials fit them.</summary>
    public TpeStudyState? Source(Study study, KernelDimension[] dims)
    {
        lock (gate)
        {
            return Find(study, dims);
        }
    }

    private TpeStudyState? Find(Study study, KernelDimension[] dims)
    {
        foreach (var (known, state) in states)
        {
            if (Same(known, dims))
            {
                return state;
            }
        }

        var fitting = new List<TrialRecord>();
        foreach (var trial in study.WarmStartTrials)
        {
            if (Fits(trial, dims))
            {
                fitting.Add(trial with { Number = fitting.Count });
            }
        }

        TpeStudyState? created = null;
        if (fitting.Count >= MinimumTrials)
        {
            created = new TpeStudyState(study, constraintsEnabled: false);
            created.History.Refresh(fitting);
        }

        states.Add((dims, created));
        return created;
    }

    private static bool Fits(TrialRecord trial, KernelDimension[] dims)
    {
        foreach (var dim in dims)
        {
            if (!trial.InternalParams.TryGetValue(dim.Name, out var value)
                || !trial.Distributions.TryGetValue(dim.Name, out var distribution))
            {
                return false;
            }

            if (!WarmStartSource.Admits(dim.Distribution, distribution, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(KernelDimension[] a, KernelDimension[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var j = 0; j < a.Length; j++)
        {
            if (a[j].Name != b[j].Name || !a[j].Distribution.Equals(b[j].Distribution))
            {
                return false;
            }
        }

        return true;
    }
}
