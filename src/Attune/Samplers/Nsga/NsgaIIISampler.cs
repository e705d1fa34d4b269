using System.Globalization;

namespace Attune.Samplers;

/// <summary>
/// NSGA-III (Deb and Jain, 2014), NSGA-II with reference-point niching in place of crowding distance,
/// for three or more objectives: the survivors of the last front that fits only partly are chosen so
/// that they spread over a set of reference directions (Das–Dennis points on the unit simplex, or
/// <see cref="NsgaIIISamplerOptions.ReferencePoints"/>), in objectives normalized by the ideal point and
/// the intercepts of the extreme points' hyperplane. Parents are chosen by binary tournaments under
/// constrained domination (a coin flip when neither dominates).
/// </summary>
/// <remarks>
/// Everything else (generations, attributes, constraints, parallel workers, caching) works as for
/// <see cref="NsgaIISampler"/>, with the attribute names <see cref="GenerationKey"/>,
/// <see cref="ParentsKey"/> and <see cref="PopulationKeyPrefix"/>. Thread-safe.
/// </remarks>
public sealed class NsgaIIISampler : Sampler
{
    /// <summary>The trial system attribute holding the trial's generation (0 for the first).</summary>
    public const string GenerationKey = "nsga3:generation";

    /// <summary>The trial system attribute holding the numbers of the trial's parents.</summary>
    public const string ParentsKey = "nsga3:parents";

    /// <summary>The prefix of the study system attribute that records a closed generation.</summary>
    public const string PopulationKeyPrefix = "attune:nsga3:population:";

    private readonly NsgaEngine engine;

    /// <summary>Creates a sampler with the default options.</summary>
    public NsgaIIISampler()
        : this(new NsgaIIISamplerOptions())
    {
    }

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">
    /// An option is out of range, or the reference points are empty, of different lengths, negative, not
    /// finite or all zero (the message names the option, its value and what is allowed).
    /// </exception>
    public NsgaIIISampler(NsgaIIISamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DividingParameter is < 1)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"NsgaIIISampler: DividingParameter must be null or >= 1, but got {options.DividingParameter}."),
                nameof(options));
        }

        var points = options.ReferencePoints is { } given ? CheckPoints(given, nameof(options)) : null;
        engine = new NsgaEngine(
            nameof(NsgaIIISampler), "nsga3", options, new ReferencePointSurvival(points, options.DividingParameter, options.PopulationSize));
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) =>
        engine.InferRelativeSearchSpace(study);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
        engine.SampleRelative(study, trial, searchSpace);

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
        engine.SampleIndependent(study, trial, name, distribution);

    /// <inheritdoc/>
    public override void BeforeTrial(Study study, Trial trial) => engine.BeforeTrial(study, trial);

    /// <inheritdoc/>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) =>
        engine.AfterTrial(study, trial, state, values);

    private static double[][] CheckPoints(IReadOnlyList<IReadOnlyList<double>> given, string paramName)
    {
        if (given.Count == 0)
        {
            throw new ArgumentException("NsgaIIISampler: ReferencePoints must hold at least one point, but is empty.", paramName);
        }

        var points = new double[given.Count][];
        for (var i = 0; i < given.Count; i++)
        {
            var point = given[i] ?? throw new ArgumentException($"NsgaIIISampler: reference point {i} is null.", paramName);
            if (point.Count == 0 || point.Count != given[0].Count)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"NsgaIIISampler: reference point {i} has {point.Count} coordinates; every point needs the same number (one per objective, at least one), and point 0 has {given[0].Count}."),
                    paramName);
            }

            var sum = 0.0;
            foreach (var v in point)
            {
                if (!(v >= 0 && double.IsFinite(v)))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"NsgaIIISampler: reference point {i} has coordinate {v}; coordinates must be finite and >= 0."),
                        paramName);
                }

                sum += v;
            }

            if (sum == 0)
            {
                throw new ArgumentException($"NsgaIIISampler: reference point {i} is all zeros; it has no direction.", paramName);
            }

            points[i] = [.. point];
        }

        return points;
    }
}
