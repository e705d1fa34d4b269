using Attune.MultiObjective;
using Attune.Randomness;
using Microsoft.Extensions.Logging;

namespace Attune.Samplers;

/// <summary>
/// One sampling decision of a <see cref="GpSampler"/>: update the models (objectives and
/// constraints) from the training data, condition them on the running trials, build the
/// acquisition function and maximize it.
/// </summary>
internal sealed class GpProposal
{
    // Reference point of LogEHVI: the worst observed value minus this fraction of the range (standardized units).
    private const double ReferenceMargin = 0.1;

    // Above this many cells the box decomposition keeps only the points with the largest hypervolume contributions.
    private const long MaxBoxCells = 4096;

    private readonly GpSamplerOptions options;
    private readonly GpStudyState state;
    private readonly GpFitSettings settings;
    private readonly ILogger logger;

    /// <summary>Prepares a decision.</summary>
    /// <param name="options">The sampler's options.</param>
    /// <param name="state">The study's state.</param>
    /// <param name="seed">The sampler's seed.</param>
    /// <param name="logger">The study's logger.</param>
    public GpProposal(GpSamplerOptions options, GpStudyState state, ulong seed, ILogger logger)
    {
        this.options = options;
        this.state = state;
        this.logger = logger;
        settings = new GpFitSettings(options.KernelPrior, options.DeterministicObjective, options.RefitFraction, options.MaxFitTrials, seed);
    }

    /// <summary>The extra noise of warm-start rows by row number (<see cref="GpWarmStart"/>), or <see langword="null"/> without warm starting.</summary>
    public Func<int, double>? WarmStartNoise { get; init; }

    /// <summary>Chooses a point.</summary>
    /// <param name="data">The training data (at least one row).</param>
    /// <param name="space">The search space as distributions (the cache key).</param>
    /// <param name="rng">The decision's randomness.</param>
    /// <returns>The chosen coordinates.</returns>
    public double[] Choose(GpTrainingData data, IReadOnlyDictionary<string, Distribution> space, SeededRandom rng)
    {
        var encoding = data.Space;
        var categorical = encoding.IsCategorical;
        var objectives = data.Objectives.Length;
        var models = new GaussianProcess[objectives];
        var standardized = new double[objectives][];
        for (var k = 0; k < objectives; k++)
        {
            standardized[k] = options.WarpOutputs
                ? GpTrainingData.Standardize(PowerTransform.FitTransform(data.Objectives[k].Select(v => -v).ToArray(), out _).Select(v => -v).ToArray(), out _, out _)
                : GpTrainingData.Standardize(data.Objectives[k], out _, out _);
            models[k] = state.Model(space, $"objective {k}").Update(data.Numbers, data.X, standardized[k], categorical, settings, logger, $"objective {k}", WarmStartNoise);
        }

        var feasibility = new List<IAcquisitionFunction>();
        if (data.Constraints is { } constraints)
        {
            for (var c = 0; c < constraints.Length; c++)
            {
                if (ConstraintModel(data, space, c, out var threshold) is { } model)
                {
                    var conditioned = options.PendingTrials == GpPendingTrials.Ignore ? model : Fantasize(model, data.Pending, lie: null, out _);
                    feasibility.Add(new LogProbabilityOfImprovementAcquisition(conditioned, threshold));
                }
            }
        }

        var believed = new double[objectives][];
        for (var k = 0; k < objectives; k++)
        {
            believed[k] = [];
            if (options.PendingTrials != GpPendingTrials.Ignore)
            {
                models[k] = Fantasize(models[k], data.Pending, options.PendingTrials == GpPendingTrials.ConstantLiar ? standardized[k].Min() : null, out believed[k]);
            }
        }

        var anyFeasible = data.Feasible.Any(f => f);
        var terms = new List<IAcquisitionFunction>();
        var warmStarts = new List<double[]>();
        if (anyFeasible)
        {
            if (objectives == 1)
            {
                // The incumbent is the study's own best; warm-start rows (negative numbers) count only before it has one.
                var best = -1;
                var own = data.Numbers.Exists(n => n >= 0);
                for (var i = 0; i < data.Count; i++)
                {
                    if (data.Feasible[i] && (!own || data.Numbers[i] >= 0) && (best < 0 || standardized[0][i] > standardized[0][best]))
                    {
                        best = i;
                    }
                }

                // The incumbent includes the values believed at running trials, so that EI there is (nearly) zero.
                var incumbent = believed[0].Length > 0 ? Math.Max(standardized[0][best], believed[0].Max()) : standardized[0][best];
                terms.Add(SingleObjective(models[0], incumbent, data, encoding, rng));
                warmStarts.Add(data.X.AsSpan(best * encoding.Count, encoding.Count).ToArray());
            }
            else
            {
                terms.Add(MultiObjective(models, standardized, believed, data, encoding, rng, warmStarts));
            }
        }

        terms.AddRange(feasibility);
        if (terms.Count == 0)
        {
            // Constraints only, none feasible, none modelled: a plain LogEI still explores.
            terms.Add(new LogExpectedImprovementAcquisition(models[0], standardized[0].Max()));
        }

        var function = terms.Count == 1 ? terms[0] : new SumAcquisition(terms, encoding.Count);
        var optimizer = new AcquisitionOptimizer(function, encoding, models[0].Parameters.Lengthscales());
        return optimizer.Maximize(options.CandidatePoints, options.LocalSearches, warmStarts, rng).Point;
    }

    // The GP of a constraint on the rows that have its value, modelling −c (so that feasible is large),
    // and the standardized feasibility threshold (the standardized value of c = 0).
    private GaussianProcess? ConstraintModel(GpTrainingData data, IReadOnlyDictionary<string, Distribution> space, int c, out double threshold)
    {
        var d = data.Space.Count;
        var numbers = new List<int>();
        var x = new List<double>();
        var values = new List<double>();
        var column = data.Constraints![c];
        for (var i = 0; i < data.Count; i++)
        {
            if (double.IsFinite(column[i]))
            {
                numbers.Add(data.Numbers[i]);
                x.AddRange(data.X.AsSpan(i * d, d).ToArray());
                values.Add(-column[i]);
            }
        }

        threshold = 0;
        if (numbers.Count == 0)
        {
            return null;
        }

        var y = GpTrainingData.Standardize(values, out var mean, out var deviation);
        threshold = -mean / deviation;
        var name = $"constraint {c}";
        return state.Model(space, name).Update(numbers, x.ToArray(), y, data.Space.IsCategorical, settings, logger, name);
    }

    // The model conditioned on the running trials: kriging believer (the mean as the value) unless a
    // lie is given; also returns the values believed, which count as observed (the incumbent moves).
    private static GaussianProcess Fantasize(GaussianProcess model, List<double[]> pending, double? lie, out double[] believed)
    {
        believed = [];
        if (pending.Count == 0)
        {
            return model;
        }

        var d = model.Dimension;
        var x = new double[pending.Count * d];
        var y = new double[model.Count + pending.Count];
        model.Targets.CopyTo(y, 0);
        var scratch = new double[Math.Max(model.Count, 1)];
        for (var p = 0; p < pending.Count; p++)
        {
            pending[p].CopyTo(x, p * d);
            y[model.Count + p] = lie ?? model.Mean(pending[p], scratch);
        }

        var extended = model.Extend(x, pending.Count, y, fork: true);
        if (extended is null)
        {
            return model;
        }

        believed = y[model.Count..];
        return extended;
    }

    private IAcquisitionFunction SingleObjective(GaussianProcess model, double best, GpTrainingData data, GpSearchSpace encoding, SeededRandom rng)
    {
        switch (options.Acquisition)
        {
            case GpAcquisitionFunction.UpperConfidenceBound:
                return new UpperConfidenceBoundAcquisition(model, options.UcbBeta ?? UpperConfidenceBoundAcquisition.Schedule(encoding.Count, data.Count + 1));
            case GpAcquisitionFunction.ProbabilityOfImprovement:
                return new LogProbabilityOfImprovementAcquisition(model, best);
            case GpAcquisitionFunction.KnowledgeGradient:
                {
                    var count = options.KnowledgeGradientPoints;
                    var d = encoding.Count;
                    var points = new double[count * d];
                    if (count > 0)
                    {
                        var sobol = new SobolSequence(d, rng.NextUInt64());
                        var unit = new double[d];
                        for (var i = 0; i < count; i++)
                        {
                            sobol.Point(i, unit);
                            encoding.FromUnitCube(unit, points.AsSpan(i * d, d));
                        }
                    }

                    return new KnowledgeGradientAcquisition(model, encoding.IsCategorical, points, count);
                }

            default:
                return new LogExpectedImprovementAcquisition(model, best);
        }
    }

    private LogExpectedHypervolumeImprovementAcquisition MultiObjective(
        GaussianProcess[] models, double[][] standardized, double[][] believed, GpTrainingData data, GpSearchSpace encoding, SeededRandom rng, List<double[]> warmStarts)
    {
        var m = models.Length;
        var rows = Enumerable.Range(0, data.Count).Where(i => data.Feasible[i]).ToArray();

        // The front is that of the feasible trials and of the values believed at running trials.
        var pending = believed.Min(b => b.Length);
        var values = new double[(rows.Length + pending) * m];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var j = 0; j < m; j++)
            {
                values[(r * m) + j] = standardized[j][rows[r]];
            }
        }

        for (var p = 0; p < pending; p++)
        {
            for (var j = 0; j < m; j++)
            {
                values[((rows.Length + p) * m) + j] = believed[j][p];
            }
        }

        var observed = rows.Length;

        // Reference point: below the worst feasible value in every objective.
        var reference = new double[m];
        for (var j = 0; j < m; j++)
        {
            var low = double.PositiveInfinity;
            var high = double.NegativeInfinity;
            for (var r = 0; r < observed; r++)
            {
                low = Math.Min(low, values[(r * m) + j]);
                high = Math.Max(high, values[(r * m) + j]);
            }

            reference[j] = low - (ReferenceMargin * Math.Max(high - low, 1e-3));
        }

        // The Pareto front (maximized), trimmed to the largest hypervolume contributions when the grid would be too large.
        var minimized = values.Select(v => -v).ToArray();
        var negatedReference = reference.Select(v => -v).ToArray();
        var front = ParetoFront.ParetoFrontIndices(minimized, m);
        var kept = front.ToList();
        while (NondominatedBoxes.CellCount(kept.Count, m) > MaxBoxCells)
        {
            var points = kept.Select(r => minimized.AsSpan(r * m, m).ToArray()).ToList();
            var contributions = Hypervolume.Contributions(points, negatedReference);
            var keep = Math.Max(1, kept.Count * 3 / 4);
            kept = kept.Zip(contributions).OrderByDescending(p => p.Second).Take(keep).Select(p => p.First).ToList();
        }

        var frontValues = new double[kept.Count * m];
        for (var k = 0; k < kept.Count; k++)
        {
            values.AsSpan(kept[k] * m, m).CopyTo(frontValues.AsSpan(k * m, m));
        }

        var boxes = NondominatedBoxes.Decompose(frontValues, kept.Count, reference);

        // Warm starts: up to half the local searches from Pareto-optimal trials.
        var d = encoding.Count;
        var starts = front.Where(r => r < observed).ToArray();
        rng.Shuffle(starts.AsSpan());
        foreach (var r in starts.Take(Math.Max(1, options.LocalSearches / 2)))
        {
            warmStarts.Add(data.X.AsSpan(rows[r] * d, d).ToArray());
        }

        return new LogExpectedHypervolumeImprovementAcquisition(models, boxes);
    }
}
