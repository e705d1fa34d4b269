using System.Runtime.CompilerServices;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Chooses a sampler for each trial from the study's search space, objectives, constraints and trials
/// so far, and switches as the study grows, so that a user who picks nothing gets the sampler that
/// measured best for their kind of study. The rules (each backed by the benchmark tables in
/// docs/samplers.md):
/// <list type="number">
/// <item>The first <see cref="AutoSamplerOptions.StartupTrials"/> finished trials: random sampling.</item>
/// <item>Several objectives: <see cref="TpeSampler"/> up to <see cref="AutoSamplerOptions.MultiObjectiveTpeTrials"/> complete trials, then <see cref="NsgaIISampler"/> (TPE again if the space is conditional).</item>
/// <item>A conditional search space (finished trials differ in their parameters or distributions), or any pruned trial: <see cref="TpeSampler"/>, which models each branch and learns from pruned trials (univariate for one objective: with pruning on lcbench it had a quarter of the joint model's regret).</item>
/// <item>Otherwise <see cref="GpSampler"/>: when every parameter is numerical and there are no constraints, up to <see cref="AutoSamplerOptions.GaussianProcessTrials"/> complete trials, then <see cref="CmaEsSampler"/> warm-started from the trials so far; else up to <see cref="AutoSamplerOptions.GaussianProcessMaxTrials"/>, then <see cref="TpeSampler"/>.</item>
/// </list>
/// </summary>
/// <remarks>
/// Every delegate shares the sampler's seed. The choice for a trial is made when it starts and stored
/// in its system attribute <see cref="ChoiceKey"/> (the sampler's name), so the trial is finished by
/// the same sampler even when another process tells its result. Each delegate keeps its own state as it
/// would alone (CMA-ES's in the study's system attributes), so a resumed study continues where it was.
/// Thread-safe.
/// </remarks>
public sealed class AutoSampler : Sampler
{
    /// <summary>The trial system attribute that names the sampler chosen for the trial (an <see cref="AutoSamplerChoice"/> name).</summary>
    public const string ChoiceKey = "attune:auto:sampler";

    private readonly AutoSamplerOptions options;
    private readonly int seed;
    private readonly RandomSampler random;
    private readonly GpSampler gp;
    private readonly TpeSampler tpe;
    private readonly TpeSampler multiObjectiveTpe;
    private readonly NsgaIISampler nsga;
    private readonly ConditionalWeakTable<Study, AutoStudyState> states = [];

    /// <summary>Creates a sampler with the default options and a seed from the operating system's entropy.</summary>
    public AutoSampler()
        : this(new AutoSamplerOptions())
    {
    }

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and its value.</exception>
    public AutoSampler(AutoSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        this.options = options;
        seed = options.Seed ?? (int)(uint)SeededRandom.EntropySeed();
        random = new RandomSampler(new RandomSamplerOptions { Seed = seed });
        gp = new GpSampler(new GpSamplerOptions { Seed = seed, Constraints = options.Constraints, WarnIndependentSampling = false });
        // One objective: univariate TPE, which on lcbench with pruning and on the mixed function beat the joint
        // model; several objectives: the joint model, as measured for MOTPE.
        tpe = new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = false, Constraints = options.Constraints });
        multiObjectiveTpe = new TpeSampler(new TpeSamplerOptions { Seed = seed, Constraints = options.Constraints });
        nsga = new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed, Constraints = options.Constraints });
    }

    /// <summary>The options.</summary>
    public AutoSamplerOptions Options => options;

    /// <summary>The sampler chosen for a trial that has started.</summary>
    /// <param name="trial">A trial of a study that uses this sampler.</param>
    /// <returns>The choice, or <see langword="null"/> when the trial was not started by an <see cref="AutoSampler"/>.</returns>
    public static AutoSamplerChoice? ChoiceOf(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Parse(trial.SystemAttrs);
    }

    /// <inheritdoc/>
    public override void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var state = states.GetValue(study, _ => new AutoStudyState());
        AutoSamplerChoice choice;
        lock (state.Gate)
        {
            // Read inside the lock: snapshots then reach the profile in time order.
            var trials = study.Trials;
            var profile = state.Profile;
            profile.Update(trials);
            choice = AutoSamplerRules.Choose(profile, study.Directions.Count, options, warmStarted: study.WarmStartTrials.Count > 0 && study.Directions.Count == 1);
            if (choice == AutoSamplerChoice.CmaEs && state.CmaEs is null)
            {
                state.CmaEs = new CmaEsSampler(CmaEsHandover.Options(trials, study.Direction, seed));
            }

            if (choice != state.Last)
            {
                AutoLog.Switched(study.Logger, trial.Number, choice, profile.Complete, profile.Pruned, profile.Conditional, profile.Categorical);
                state.Last = choice;
            }
        }

        state.Choices[trial.Number] = choice;
        trial.SetSystemAttr(ChoiceKey, choice.ToString());
        Delegate(study, state, choice).BeforeTrial(study, trial);
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) =>
        For(study, trial).InferRelativeSearchSpace(study, trial);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
        For(study, trial).SampleRelative(study, trial, searchSpace);

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
        For(study, trial).SampleIndependent(study, trial, name, distribution);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The constraints function returned <see langword="null"/> or a value that is not finite.</exception>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var studyState = states.GetValue(study, _ => new AutoStudyState());
        var choice = Choice(studyState, trial);
        var sampler = Delegate(study, studyState, choice);
        if (options.Constraints is { } constraints && sampler is RandomSampler or CmaEsSampler && state is TrialState.Complete or TrialState.Pruned)
        {
            // The delegates that model constraints record them themselves; these two do not.
            ConstraintValues.Record(trial, state, values, constraints, nameof(AutoSampler));
        }

        sampler.AfterTrial(study, trial, state, values);
        studyState.Choices.TryRemove(trial.Number, out _);
    }

    private Sampler For(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var state = states.GetValue(study, _ => new AutoStudyState());
        return Delegate(study, state, Choice(state, trial));
    }

    // The choice made when the trial started: in this process's memory, else in the trial's system
    // attribute (a trial started by another process); a trial started by something else is sampled at random.
    private static AutoSamplerChoice Choice(AutoStudyState state, Trial trial) =>
        state.Choices.TryGetValue(trial.Number, out var choice) ? choice : Parse(trial.SystemAttrs) ?? AutoSamplerChoice.Startup;

    private static AutoSamplerChoice? Parse(IReadOnlyDictionary<string, object?> systemAttrs) =>
        systemAttrs.TryGetValue(ChoiceKey, out var raw) && raw is string name && Enum.TryParse<AutoSamplerChoice>(name, out var parsed)
            ? parsed
            : null;

    private Sampler Delegate(Study study, AutoStudyState state, AutoSamplerChoice choice) => choice switch
    {
        AutoSamplerChoice.GaussianProcess => gp,
        AutoSamplerChoice.Tpe => study.Directions.Count > 1 ? multiObjectiveTpe : tpe,
        AutoSamplerChoice.NsgaII => nsga,
        AutoSamplerChoice.CmaEs => CmaEs(state),
        _ => random,
    };

    // A trial chosen for CMA-ES in another process, finished here, needs the sampler too; CMA-ES then
    // continues from the state stored in the study, so its warm start is not used.
    private CmaEsSampler CmaEs(AutoStudyState state)
    {
        lock (state.Gate)
        {
            return state.CmaEs ??= new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, WarnIndependentSampling = false });
        }
    }

    private static void Validate(AutoSamplerOptions options)
    {
        if (options.StartupTrials < 1)
        {
            throw new ArgumentException($"StartupTrials must be at least 1, but got {options.StartupTrials}.", nameof(options));
        }

        if (options.GaussianProcessTrials < 0)
        {
            throw new ArgumentException($"GaussianProcessTrials must be at least 0, but got {options.GaussianProcessTrials}.", nameof(options));
        }

        if (options.GaussianProcessMaxTrials < 0)
        {
            throw new ArgumentException($"GaussianProcessMaxTrials must be at least 0, but got {options.GaussianProcessMaxTrials}.", nameof(options));
        }

        if (options.MultiObjectiveTpeTrials < 0)
        {
            throw new ArgumentException($"MultiObjectiveTpeTrials must be at least 0, but got {options.MultiObjectiveTpeTrials}.", nameof(options));
        }
    }
}
