using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Attune.Forests;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Sequential model-based optimization with a random forest surrogate, in the manner of SMAC (Hutter,
/// Hoos and Leyton-Brown, "Sequential Model-Based Optimization for General Algorithm Configuration",
/// LION 2011): after <see cref="RandomForestSamplerOptions.StartupTrials"/> trials, a forest of
/// regression trees models the objective, the spread of the trees' predictions serves as uncertainty,
/// and the next point is the one of largest expected improvement. Trees split on categorical, integer
/// and conditional parameters as naturally as on floats, so the sampler suits mixed and tree-structured
/// spaces; a trial costs milliseconds.
/// </summary>
/// <remarks>
/// <para>
/// Model: parameters are coordinates in [0, 1] (log parameters in log space; categorical choices are
/// ordered cells), objective values are min–max scaled, log-transformed (<see cref="RandomForestSamplerOptions.LogObjective"/>)
/// and standardized. Each tree learns from a bootstrap sample. The predictive mean and variance are those
/// of the trees' predictions.
/// </para>
/// <para>
/// Acquisition: expected improvement over the best trial, maximized over
/// <see cref="RandomForestSamplerOptions.RandomCandidates"/> random points and by
/// <see cref="RandomForestSamplerOptions.LocalSearches"/> local searches from the best trials and as many from the
/// best random points, each changing one parameter at a time (a few Gaussian steps for a number, every other choice
/// for a categorical) while the improvement grows.
/// </para>
/// <para>
/// Search space: every parameter of the complete trials whose distribution never changed, conditional
/// ones included. A trial that lacks a parameter has a "missing" value the trees can split on; a
/// candidate lacks the parameters its categorical choices leave out, as the trials show. Parameters
/// outside the space are sampled by <see cref="RandomForestSamplerOptions.IndependentSampler"/>. Optimizes
/// one objective; pending trials are not modelled.
/// </para>
/// </remarks>
public sealed class RandomForestSampler : Sampler
{
    private const ulong StreamKey = 0x52465F53414D504CUL; // "RF_SAMPL"

    private readonly RandomForestSamplerOptions options;
    private readonly ForestSettings settings;
    private readonly ulong seed;
    private readonly Sampler independentSampler;
    private readonly ConditionalWeakTable<Study, ConcurrentDictionary<int, byte>> delegated = [];

    /// <summary>Creates a sampler with the default options and a seed from the operating system's entropy.</summary>
    public RandomForestSampler()
        : this(new RandomForestSamplerOptions())
    {
    }

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it and its value).</exception>
    public RandomForestSampler(RandomForestSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        settings = Validate(options);
        this.options = options;
        seed = options.Seed is { } s ? (ulong)(uint)s : SeededRandom.EntropySeed();
        independentSampler = options.IndependentSampler ?? new RandomSampler(new RandomSamplerOptions { Seed = options.Seed });
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The study has more than one objective.</exception>
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (study.Directions.Count != 1)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"RandomForestSampler optimizes one objective, but study '{study.Name}' has {study.Directions.Count}; use TpeSampler, GpSampler or NsgaIISampler."));
        }

        var trials = study.Trials;
        var complete = trials.Count(t => t.State == TrialState.Complete);
        var interleaved = options.RandomInterval > 0 && trial.Number % options.RandomInterval == options.RandomInterval - 1;
        if (complete < Math.Max(2, options.StartupTrials) || interleaved)
        {
            var space = independentSampler.InferRelativeSearchSpace(study, trial);
            if (space.Count > 0)
            {
                delegated.GetOrCreateValue(study)[trial.Number] = 0;
            }

            return space;
        }

        return ForestSearchSpace.Infer(trials);
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> SampleRelative(
        Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (delegated.TryGetValue(study, out var startup) && startup.TryRemove(trial.Number, out _))
        {
            return independentSampler.SampleRelative(study, trial, searchSpace);
        }

        if (searchSpace.Count == 0)
        {
            return new Dictionary<string, double>();
        }

        var complete = new List<TrialRecord>();
        var values = new List<double>();
        var sign = study.Directions[0] == StudyDirection.Maximize ? -1.0 : 1.0;
        foreach (var t in study.Trials)
        {
            if (t.State == TrialState.Complete && t.Values is [var v] && double.IsFinite(v))
            {
                complete.Add(t);
                values.Add(sign * v);
            }
        }

        if (complete.Count < 2)
        {
            return new Dictionary<string, double>();
        }

        var random = SeededRandom.For(SeededRandom.Derive(seed, (ulong)trial.Number), StreamKey);
        var space = ForestSearchSpace.Create(searchSpace, complete);
        return (IReadOnlyDictionary<string, double>?)ForestProposal.Choose(options, settings, space, complete, [.. values], random)
            ?? new Dictionary<string, double>();
    }

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
        independentSampler.SampleIndependent(study, trial, name, distribution);

    /// <inheritdoc/>
    public override void BeforeTrial(Study study, Trial trial) => independentSampler.BeforeTrial(study, trial);

    /// <inheritdoc/>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) =>
        independentSampler.AfterTrial(study, trial, state, values);

    private static ForestSettings Validate(RandomForestSamplerOptions options)
    {
        Require(options.StartupTrials >= 0, $"StartupTrials must be >= 0, but got {options.StartupTrials}.");
        Require(options.RandomCandidates >= 1, $"RandomCandidates must be >= 1, but got {options.RandomCandidates}.");
        Require(options.LocalSearches >= 0, $"LocalSearches must be >= 0, but got {options.LocalSearches}.");
        Require(options.RandomInterval >= 0, $"RandomInterval must be >= 0, but got {options.RandomInterval}.");
        return new ForestSettings
        {
            Trees = options.Trees,
            MaxDepth = 64,
            MinSamplesSplit = options.MinSamplesSplit,
            MinSamplesLeaf = options.MinSamplesLeaf,
            FeatureFraction = options.FeatureFraction,
        }.Validated(nameof(options));

        static void Require(bool condition, FormattableString message)
        {
            if (!condition)
            {
                throw new ArgumentException(message.ToString(CultureInfo.InvariantCulture), nameof(options));
            }
        }
    }
}
