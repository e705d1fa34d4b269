using Attune.Randomness;
using Attune.Samplers;

namespace Attune.Terminators;

/// <summary>
/// Bounds the regret of the best trial with a Gaussian process (Makarova et al., "Automatic termination for
/// hyperparameter optimization", 2022, as Optuna's <c>RegretBoundEvaluator</c>): fitted to the best trials
/// (see <see cref="RegretBoundEvaluatorOptions.TopTrialsRatio"/>), the bound is the highest upper confidence bound
/// anywhere in the search space minus the highest lower confidence bound among those trials (in the direction of
/// improvement), with GP-UCB's β schedule. The study's search space is the parameters that every complete trial
/// shares; Matérn 5/2 kernel, hyperparameters fitted under Optuna's prior.
/// </summary>
public sealed class RegretBoundEvaluator : IImprovementEvaluator
{
    private const int LocalSearches = 10;
    private const ulong StreamKey = 0x7265677265740001UL;
    private readonly RegretBoundEvaluatorOptions options;

    /// <summary>Creates the evaluator with the default options.</summary>
    public RegretBoundEvaluator()
        : this(new RegretBoundEvaluatorOptions())
    {
    }

    /// <summary>Creates the evaluator.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    public RegretBoundEvaluator(RegretBoundEvaluatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="trials"/> holds no complete trial with a value.</exception>
    public double Evaluate(IReadOnlyList<TrialRecord> trials, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Value is not null).ToList();
        if (complete.Count == 0)
        {
            throw new ArgumentException("The regret bound needs at least one complete trial.", nameof(trials));
        }

        var space = GpSampler.IntersectionSpace(complete);
        if (space.Count == 0)
        {
            return 0.0;
        }

        var sign = direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var top = Math.Min(complete.Count, Math.Max(options.MinTrials, (int)(complete.Count * options.TopTrialsRatio)));
        var best = complete.OrderBy(t => sign * t.Value!.Value).ThenBy(t => t.Number).Take(top).ToList();
        var encoding = new GpSearchSpace(space);
        var data = GpTrainingData.Collect(best, encoding, [direction], withConstraints: false, current: -1);
        var n = data.Count;
        if (n < 2)
        {
            return 0.0;
        }

        var y = GpTrainingData.Standardize(data.Objectives[0], out _, out var deviation);
        var categorical = encoding.IsCategorical;
        var parameters = GpFitter.Fit(data.X, n, categorical, y, GpKernelPrior.Optuna, deterministic: false, warmStart: null);
        var model = GaussianProcess.Create(data.X, n, categorical, y, parameters);
        var beta = UpperConfidenceBoundAcquisition.Schedule(encoding.Count, n);
        var sqrtBeta = Math.Sqrt(beta);

        var d = encoding.Count;
        var scratch = new double[n];
        var highestUpper = double.NegativeInfinity;
        var highestLower = double.NegativeInfinity;
        var starts = new List<double[]>();
        for (var i = 0; i < n; i++)
        {
            var point = data.X.AsSpan(i * d, d);
            var mean = model.Posterior(point, out var variance, scratch);
            var sigma = Math.Sqrt(variance);
            if (mean + (sqrtBeta * sigma) > highestUpper)
            {
                highestUpper = mean + (sqrtBeta * sigma);
                starts.Insert(0, point.ToArray());
            }

            highestLower = Math.Max(highestLower, mean - (sqrtBeta * sigma));
        }

        var upper = new UpperConfidenceBoundAcquisition(model, beta);
        var rng = SeededRandom.For((ulong)(options.Seed ?? 0), StreamKey);
        var optimizer = new AcquisitionOptimizer(upper, encoding, parameters.Lengthscales());
        var (_, searched) = optimizer.Maximize(options.Candidates, LocalSearches, starts.Take(1).ToList(), rng);
        highestUpper = Math.Max(highestUpper, searched);
        return Math.Max(highestUpper - highestLower, 0.0) * deviation;
    }
}
