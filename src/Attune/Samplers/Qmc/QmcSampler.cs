using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Quasi-Monte Carlo search: the numerical parameters of trial <c>n</c> are point <c>n</c> of a
/// low-discrepancy sequence (Sobol or Halton, scrambled by default), which covers the search space
/// more evenly than random points (Bergstra and Bengio, 2012). Like Optuna's <c>QMCSampler</c>.
/// </summary>
/// <remarks>
/// <para>
/// The search space is fixed once, by the lowest-numbered trial that was complete or pruned when the
/// sampler first looked: its float and int parameters, in ordinal order of their names (parameters
/// with a single value are left out). The choice is recorded in the study (system attribute
/// <see cref="SearchSpaceKey"/>), so that every worker, in any process, uses the same space. Storages
/// offer no compare-and-set, so a worker reads the attribute back after writing it and adopts what the
/// study kept; two workers can disagree only if both fix the space within that instant. Until a trial
/// has finished, and for categorical parameters and parameters outside the space, the
/// <see cref="QmcSamplerOptions.IndependentSampler"/> samples.
/// </para>
/// <para>
/// The point index is the trial number, not a shared counter, so a point depends only on the seed and
/// the trial number: parallel and distributed workers draw disjoint points of one sequence, and a
/// seeded study gives the same parameters with one worker or many. The first trial of a study starts
/// before any trial has finished and is sampled independently, so point 0 is used only when a trial
/// with a higher number finished first; unscrambled, point 0 is the origin (every parameter at its
/// lower bound). Like SciPy and Optuna, the sampler does not skip it.
/// </para>
/// <para>
/// Coordinates in [0, 1) map to a parameter as follows: a float uniformly over [low, high]; a log float
/// uniformly in log space; a float with a step or an int onto its grid, each of the n grid values
/// taking an equal 1/n of [0, 1); a log int uniformly in log space over [low − 0.5, high + 0.5],
/// rounded, so that each integer gets the width of its cell.
/// </para>
/// </remarks>
public sealed class QmcSampler : Sampler
{
    /// <summary>The study system attribute that fixes the search space: <c>{"version": 1, "trial": n, "params": [names]}</c>.</summary>
    public const string SearchSpaceKey = "attune:qmc:search_space";

    /// <summary>The study system attribute that holds the scramble seed shared by unseeded samplers: <c>{"version": 1, "seed": n}</c>.</summary>
    public const string SeedKey = "attune:qmc:seed";

    private readonly QmcSequence sequence;
    private readonly bool scramble;
    private readonly ulong? seed;
    private readonly ulong entropySeed;
    private readonly Sampler independentSampler;
    private readonly bool warnIndependentSampling;
    private readonly ConditionalWeakTable<Study, StudyState> states = [];

    /// <summary>Creates a sampler with scrambled Sobol points and a seed shared through the study.</summary>
    public QmcSampler()
        : this(new QmcSamplerOptions())
    {
    }

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="QmcSamplerOptions.QmcType"/> is not a defined <see cref="QmcSequence"/>.</exception>
    public QmcSampler(QmcSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.QmcType))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.QmcType, $"QmcType must be {QmcSequence.Sobol} or {QmcSequence.Halton}.");
        }

        sequence = options.QmcType;
        scramble = options.Scramble;
        seed = options.Seed is { } s ? (ulong)(uint)s : null;
        entropySeed = SeededRandom.EntropySeed();
        independentSampler = options.IndependentSampler ?? new RandomSampler(new RandomSamplerOptions { Seed = options.Seed });
        warnIndependentSampling = options.WarnIndependentSampling;
    }

    /// <summary>The largest number of numerical parameters <see cref="QmcSequence.Sobol"/> supports (the direction numbers embedded).</summary>
    public static int MaxSobolDimension => SobolDirectionNumbers.MaxDimension;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        return Resolve(study)?.Space ?? Layout.None;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> SampleRelative(
        Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (searchSpace.Count == 0)
        {
            return Layout.NoValues;
        }

        // A wrapper (e.g. one that fixes some parameters) may pass part of the space; each parameter
        // keeps its own coordinate. Without a fixed space, the given one is laid out on its own.
        var layout = Resolve(study) ?? CreateLayout(study, -1, QmcNames(searchSpace), searchSpace, SharedSeed(study));
        if (layout.Sequence is null)
        {
            return Layout.NoValues;
        }

        Span<double> point = layout.Names.Count <= 64 ? stackalloc double[layout.Names.Count] : new double[layout.Names.Count];
        layout.Sequence.Point(trial.Number, point);
        var values = new Dictionary<string, double>(searchSpace.Count, StringComparer.Ordinal);
        for (var k = 0; k < layout.Names.Count; k++)
        {
            var name = layout.Names[k];
            if (searchSpace.TryGetValue(name, out var distribution) && distribution.Equals(layout.Space[name]))
            {
                values[name] = FromUnit(point[k], distribution);
            }
        }

        return values;
    }

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(name);
        if (warnIndependentSampling
            && states.TryGetValue(study, out var state)
            && state.Layout is { } layout
            && state.Warned.TryAdd(name, 0))
        {
            QmcLog.IndependentSampling(study.Logger, name, trial.Number, independentSampler.GetType().Name, layout.SpaceTrial);
        }

        return independentSampler.SampleIndependent(study, trial, name, distribution);
    }

    /// <inheritdoc/>
    public override void BeforeTrial(Study study, Trial trial) => independentSampler.BeforeTrial(study, trial);

    /// <inheritdoc/>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) =>
        independentSampler.AfterTrial(study, trial, state, values);

    /// <summary>Maps a coordinate in [0, 1) to an internal value of <paramref name="distribution"/> (see the class remarks).</summary>
    /// <param name="u">The coordinate.</param>
    /// <param name="distribution">The distribution.</param>
    /// <returns>An internal value inside <paramref name="distribution"/>.</returns>
    internal static double FromUnit(double u, Distribution distribution) => UnitInterval.FromUnit(u, distribution);

    private static bool InQmcSpace(Distribution distribution) =>
        distribution is FloatDistribution or IntDistribution && !distribution.IsSingle;

    private static TrialRecord? FindTrial(IReadOnlyList<TrialRecord> trials, int number) =>
        number >= 0 && number < trials.Count && trials[number].Number == number
            ? trials[number]
            : trials.FirstOrDefault(t => t.Number == number);

    // The layout of the study's fixed search space, resolving it on first use; null while no trial has finished.
    private Layout? Resolve(Study study)
    {
        var state = states.GetValue(study, _ => new StudyState());
        if (state.Layout is { } known)
        {
            return known;
        }

        lock (state.Gate)
        {
            if (state.Layout is { } raced)
            {
                return raced;
            }

            var trials = study.Trials;
            var attrs = study.SystemAttrs;
            if (!attrs.TryGetValue(SearchSpaceKey, out var stored) || stored is null)
            {
                TrialRecord? first = null;
                foreach (var t in trials)
                {
                    if (t.State is TrialState.Complete or TrialState.Pruned && (first is null || t.Number < first.Number))
                    {
                        first = t;
                    }
                }

                if (first is null)
                {
                    return null;
                }

                var names = QmcNames(first.Distributions);
                study.SetSystemAttr(SearchSpaceKey, new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["version"] = 1L,
                    ["trial"] = (long)first.Number,
                    ["params"] = names.ToList<object?>(),
                });
                QmcLog.SearchSpaceFixed(study.Logger, first.Number, string.Join(", ", names));

                // Storage has no compare-and-set: read back, so that a worker that wrote at the same moment
                // as another adopts whichever choice the study kept.
                attrs = study.SystemAttrs;
                stored = attrs[SearchSpaceKey];
            }

            var layout = FromAttribute(study, stored!, trials, attrs);
            state.Layout = layout;
            return layout;
        }
    }

    private static string[] QmcNames(IReadOnlyDictionary<string, Distribution> distributions) =>
        distributions.Where(p => InQmcSpace(p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();

    private Layout FromAttribute(Study study, object stored, IReadOnlyList<TrialRecord> trials, IReadOnlyDictionary<string, object?> attrs)
    {
        if (stored is not IReadOnlyDictionary<string, object?> map
            || !map.TryGetValue("version", out var version)
            || !map.TryGetValue("trial", out var trialValue) || trialValue is not long trialNumber
            || !map.TryGetValue("params", out var paramsValue) || paramsValue is not IReadOnlyList<object?> names)
        {
            throw new InvalidOperationException(
                $"Study '{study.Name}' has an unreadable system attribute '{SearchSpaceKey}'; expected {{\"version\": 1, \"trial\": n, \"params\": [names]}}.");
        }

        if (version is not 1L)
        {
            throw new NotSupportedException(
                $"Study '{study.Name}' has system attribute '{SearchSpaceKey}' in format version {Convert.ToString(version, CultureInfo.InvariantCulture)}; this version of Attune reads version 1.");
        }

        // The defining trial may have finished after our read of the trials (another worker chose it).
        var defining = FindTrial(trials, (int)trialNumber) ?? FindTrial(study.Trials, (int)trialNumber)
            ?? throw new InvalidOperationException(
                $"System attribute '{SearchSpaceKey}' of study '{study.Name}' names trial {trialNumber}, which does not exist.");
        var space = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var item in names)
        {
            if (item is not string name || !defining.Distributions.TryGetValue(name, out var distribution))
            {
                throw new InvalidOperationException(
                    $"System attribute '{SearchSpaceKey}' of study '{study.Name}' names parameter '{item}', which trial {trialNumber} does not have.");
            }

            space[name] = distribution;
        }

        return CreateLayout(study, (int)trialNumber, [.. names.Cast<string>()], space, SharedSeed(study, attrs));
    }

    private Layout CreateLayout(
        Study study, int spaceTrial, string[] names, IReadOnlyDictionary<string, Distribution> space, ulong scrambleSeed)
    {
        if (sequence == QmcSequence.Sobol && names.Length > SobolDirectionNumbers.MaxDimension)
        {
            throw new NotSupportedException(
                $"QmcSampler with Sobol points supports up to {SobolDirectionNumbers.MaxDimension} numerical parameters, but the search space of study '{study.Name}' has {names.Length}; use QmcSequence.Halton.");
        }

        return new Layout(spaceTrial, names, space, CreateSequence(names.Length, scrambleSeed));
    }

    private ILowDiscrepancySequence? CreateSequence(int dimension, ulong scrambleSeed)
    {
        if (dimension == 0)
        {
            return null;
        }

        ulong? scrambleWith = scramble ? scrambleSeed : null;
        return sequence == QmcSequence.Sobol
            ? new SobolSequence(dimension, scrambleWith)
            : new HaltonSequence(dimension, scrambleWith);
    }

    // The scramble seed: the configured one, else the study's shared one (recorded by the first sampler).
    private ulong SharedSeed(Study study, IReadOnlyDictionary<string, object?>? attrs = null)
    {
        if (seed is { } configured)
        {
            return configured;
        }

        if (!scramble)
        {
            return 0;
        }

        attrs ??= study.SystemAttrs;
        if (ReadSeed(study, attrs) is { } shared)
        {
            return shared;
        }

        study.SetSystemAttr(SeedKey, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["version"] = 1L,
            ["seed"] = unchecked((long)entropySeed),
        });
        return ReadSeed(study, study.SystemAttrs) ?? entropySeed;
    }

    private static ulong? ReadSeed(Study study, IReadOnlyDictionary<string, object?> attrs)
    {
        if (!attrs.TryGetValue(SeedKey, out var stored) || stored is null)
        {
            return null;
        }

        if (stored is IReadOnlyDictionary<string, object?> map
            && map.TryGetValue("version", out var version) && version is 1L
            && map.TryGetValue("seed", out var value) && value is long shared)
        {
            return unchecked((ulong)shared);
        }

        throw new InvalidOperationException(
            $"Study '{study.Name}' has an unreadable system attribute '{SeedKey}'; expected {{\"version\": 1, \"seed\": n}}.");
    }

    private sealed class StudyState
    {
        public Lock Gate { get; } = new();

        public ConcurrentDictionary<string, byte> Warned { get; } = new(StringComparer.Ordinal);

        public volatile Layout? Layout;
    }

    // The fixed search space: parameter names in coordinate order, their distributions, and the sequence.
    private sealed record Layout(
        int SpaceTrial,
        IReadOnlyList<string> Names,
        IReadOnlyDictionary<string, Distribution> Space,
        ILowDiscrepancySequence? Sequence)
    {
        public static readonly IReadOnlyDictionary<string, Distribution> None = new Dictionary<string, Distribution>();

        public static readonly IReadOnlyDictionary<string, double> NoValues = new Dictionary<string, double>();
    }
}
