using Attune.Randomness;
using Attune.Samplers;

namespace Attune.Pbt;

/// <summary>
/// The explore step of Population-Based Bandits (Parker-Holder, Nguyen and Roberts 2020): a Gaussian process on
/// (hyperparameters, time) models the score improvement of a segment over the checkpoint it started from, and
/// the new hyperparameters maximize the upper confidence bound at the time the new segment starts. Segments
/// being trained with explored hyperparameters enter the model at their posterior mean (which shrinks the
/// variance there, as in GP-BUCB), so members exploring at the same time spread out. The time coordinate,
/// with its own fitted lengthscale, lets the model forget old observations as training moves on.
/// </summary>
internal sealed class Pb2Explorer
{
    private const int MaxObservations = 256;
    private const int Candidates = 512;
    private const int LocalSearches = 6;
    private readonly PbtSearchSpace space;
    private readonly GpSearchSpace encoding;
    private readonly long stepsPerMember;
    private readonly bool maximize;

    /// <summary>Prepares the explorer.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="stepsPerMember">The steps each member trains (time is measured as a fraction of it).</param>
    /// <param name="direction">Whether larger scores are better.</param>
    public Pb2Explorer(PbtSearchSpace space, long stepsPerMember, StudyDirection direction)
    {
        this.space = space;
        this.stepsPerMember = stepsPerMember;
        maximize = direction == StudyDirection.Maximize;
        encoding = new GpSearchSpace(space.Parameters.Where(p => !p.Distribution.IsSingle).ToDictionary(p => p.Name, p => p.Distribution, StringComparer.Ordinal));
    }

    /// <summary>Chooses hyperparameters for a segment, or <see langword="null"/> when the history holds too little to fit a model.</summary>
    /// <param name="history">The run so far.</param>
    /// <param name="from">The hyperparameters being explored from (used as a starting point of the search, and for single-valued ones).</param>
    /// <param name="startStep">The new segment's first step.</param>
    /// <param name="rng">The random stream.</param>
    /// <returns>The new hyperparameters (external values), or <see langword="null"/>.</returns>
    public Dictionary<string, object?>? Explore(PbtHistory history, PbtHyperparameters from, long startStep, SeededRandom rng)
    {
        var d = encoding.Count;
        if (d == 0)
        {
            return null;
        }

        var observations = new List<(double[] Point, double Improvement)>();
        var pending = new List<double[]>();
        foreach (var member in history.Members)
        {
            foreach (var segment in member.Segments)
            {
                if (segment.State == TrialState.Complete && segment.ParentTrial is { } parent && history.Segment(parent) is { Score: { } before })
                {
                    var change = segment.Score!.Value - before;
                    observations.Add((Encode(segment.Hyperparameters, segment.StartStep), maximize ? change : -change));
                }
                else if (segment.State == TrialState.Running && segment.Exploited)
                {
                    pending.Add(Encode(segment.Hyperparameters, segment.StartStep));
                }
            }
        }

        if (observations.Count < 2)
        {
            return null;
        }

        observations = observations.TakeLast(MaxObservations).ToList();
        var n = observations.Count;
        var x = new double[n * (d + 1)];
        for (var i = 0; i < n; i++)
        {
            observations[i].Point.CopyTo(x, i * (d + 1));
        }

        var y = GpTrainingData.Standardize(observations.Select(o => o.Improvement).ToArray(), out _, out _);
        var categorical = new bool[d + 1];
        encoding.IsCategorical.CopyTo(categorical, 0);
        var parameters = GpFitter.Fit(x, n, categorical, y, GpKernelPrior.Optuna, deterministic: false, warmStart: null);
        var model = GaussianProcess.Create(x, n, categorical, y, parameters);
        model = WithPending(model, pending, d);
        var beta = UpperConfidenceBoundAcquisition.Schedule(d + 1, model.Count + 1);
        var acquisition = new TimeSlicedAcquisition(new UpperConfidenceBoundAcquisition(model, beta), d, Time(startStep));
        var start = Encode(from, startStep)[..d];
        var lengthscales = parameters.Lengthscales()[..d];
        var (best, _) = new AcquisitionOptimizer(acquisition, encoding, lengthscales).Maximize(Candidates, LocalSearches, [start], rng);
        var decoded = encoding.Decode(best);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in space.Parameters)
        {
            result[parameter.Name] = decoded.TryGetValue(parameter.Name, out var value)
                ? parameter.Distribution.ToExternal(value)
                : from[parameter.Name];
        }

        return result;
    }

    // Pending points enter at their posterior mean: the mean stays, the variance there shrinks.
    private static GaussianProcess WithPending(GaussianProcess model, List<double[]> pending, int d)
    {
        if (pending.Count == 0)
        {
            return model;
        }

        var points = new double[pending.Count * (d + 1)];
        var targets = new double[model.Count + pending.Count];
        model.Targets.CopyTo(targets, 0);
        var scratch = new double[Math.Max(model.Count, 1)];
        for (var i = 0; i < pending.Count; i++)
        {
            pending[i].CopyTo(points, i * (d + 1));
            targets[model.Count + i] = model.Mean(pending[i], scratch);
        }

        return model.Extend(points, pending.Count, targets, fork: true) ?? model;
    }

    private double Time(long step) => (double)step / stepsPerMember;

    private double[] Encode(PbtHyperparameters hyperparameters, long step)
    {
        var internalValues = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var parameter in space.Parameters)
        {
            internalValues[parameter.Name] = parameter.Distribution.ToInternal(hyperparameters[parameter.Name]);
        }

        var point = new double[encoding.Count + 1];
        encoding.Encode(internalValues, point);
        point[^1] = Time(step);
        return point;
    }
}
