namespace Attune.Samplers;

/// <summary>
/// What <see cref="CmaEsSampler"/> knows of a study's trials, updated incrementally: the intersection
/// search space of the finished trials and the claims of finished trials by generation. Finished trials
/// never change, so each is read once; only the trials from the first unfinished one on are read again,
/// which keeps the cost of a trial independent of the size of the study. Not thread-safe: the sampler
/// holds its per-study lock.
/// </summary>
internal sealed class CmaTrialIndex
{
    private static readonly Dictionary<string, Distribution> Empty = [];

    private readonly bool considerPruned;
    private readonly double sign;
    private readonly HashSet<int> ingestedAbove = [];
    private readonly Dictionary<long, List<(CmaClaim Claim, TrialRecord Trial)>> finishedClaims = [];
    private Dictionary<string, Distribution>? intersection;
    private int watermark;

    /// <summary>Creates an empty index.</summary>
    /// <param name="considerPruned">Whether pruned trials with a value count as evaluated.</param>
    /// <param name="direction">The study's direction: values are negated when maximizing.</param>
    public CmaTrialIndex(bool considerPruned, StudyDirection direction)
    {
        this.considerPruned = considerPruned;
        sign = direction == StudyDirection.Maximize ? -1 : 1;
    }

    /// <summary>The intersection of the distributions of the evaluated trials (parameters every one of them has, with one distribution).</summary>
    public IReadOnlyDictionary<string, Distribution> Intersection => intersection ?? Empty;

    /// <summary>Counts the changes of <see cref="Intersection"/>.</summary>
    public int IntersectionVersion { get; private set; }

    /// <summary>Whether any trial has been evaluated.</summary>
    public bool HasEvaluated => intersection is not null;

    /// <summary>The value CMA-ES minimizes for a trial, or <see langword="null"/> when the trial cannot be used (failed, running, or pruned without a value or not considered).</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The signed value.</returns>
    public double? Fitness(TrialRecord trial) => trial.State switch
    {
        TrialState.Complete when trial.Value is { } v => sign * v,
        TrialState.Pruned when considerPruned && trial.Value is { } v => sign * v,
        _ => null,
    };

    /// <summary>Reads the trials that finished since the last update.</summary>
    /// <param name="trials">The study's trials in number order.</param>
    public void Update(IReadOnlyList<TrialRecord> trials)
    {
        for (var i = watermark; i < trials.Count; i++)
        {
            var trial = trials[i];
            if (!trial.State.IsFinished() || ingestedAbove.Contains(trial.Number))
            {
                continue;
            }

            Ingest(trial);
            ingestedAbove.Add(trial.Number);
        }

        while (watermark < trials.Count && trials[watermark].State.IsFinished())
        {
            ingestedAbove.Remove(trials[watermark].Number);
            watermark++;
        }
    }

    /// <summary>The state of generation <paramref name="generation"/>'s population.</summary>
    /// <param name="generation">The global generation.</param>
    /// <param name="populationSize">λ.</param>
    /// <param name="reserved">The trials carried into the generation (slots 0 … r − 1).</param>
    /// <param name="trials">The study's trials in number order (the snapshot <see cref="Update"/> last read).</param>
    /// <param name="self">The trial asking, whose own claim does not count as a rival's.</param>
    /// <returns>The view.</returns>
    public CmaGenerationView View(long generation, int populationSize, IReadOnlyList<int> reserved, IReadOnlyList<TrialRecord> trials, int self)
    {
        foreach (var old in finishedClaims.Keys.Where(g => g < generation).ToArray())
        {
            finishedClaims.Remove(old);
        }

        var view = new CmaGenerationView(populationSize);
        for (var j = 0; j < reserved.Count && j < populationSize; j++)
        {
            if (Find(trials, reserved[j]) is not { } trial)
            {
                view.Draws[j]++;
                continue;
            }

            if (!trial.State.IsFinished())
            {
                view.PendingTrial[j] = trial.Number != self ? trial.Number : -1;
            }
            else if (Fitness(trial) is { } value && CmaClaim.Of(trial) is { } claim)
            {
                view.Filled[j] = (claim, trial, value, true);
            }
            else
            {
                view.Draws[j]++;
            }
        }

        if (finishedClaims.TryGetValue(generation, out var claims))
        {
            foreach (var (claim, trial) in claims)
            {
                var value = Fitness(trial);
                if (claim.Slot == CmaClaim.Overflow)
                {
                    if (value is { } v)
                    {
                        view.OverflowFinished.Add((claim, trial, v, false));
                    }
                }
                else if (claim.Slot < populationSize)
                {
                    if (value is { } v)
                    {
                        view.Filled[claim.Slot] = (claim, trial, v, false);
                    }
                    else
                    {
                        view.Draws[claim.Slot]++;
                    }
                }
            }
        }

        for (var i = watermark; i < trials.Count; i++)
        {
            var trial = trials[i];
            if (trial.State != TrialState.Running || trial.Number == self || CmaClaim.Of(trial) is not { } claim || claim.Generation != generation)
            {
                continue;
            }

            if (claim.Slot == CmaClaim.Overflow)
            {
                view.OverflowRunning.Add(trial.Number);
            }
            else if (claim.Slot < populationSize)
            {
                view.PendingTrial[claim.Slot] = trial.Number;
            }
        }

        view.OverflowFinished.Sort((a, b) => a.Trial.Number.CompareTo(b.Trial.Number));
        return view;
    }

    /// <summary>The trial with number <paramref name="number"/>, or <see langword="null"/>.</summary>
    /// <param name="trials">The study's trials in number order.</param>
    /// <param name="number">The number.</param>
    /// <returns>The trial.</returns>
    public static TrialRecord? Find(IReadOnlyList<TrialRecord> trials, int number) =>
        number >= 0 && number < trials.Count && trials[number].Number == number
            ? trials[number]
            : trials.FirstOrDefault(t => t.Number == number);

    private void Ingest(TrialRecord trial)
    {
        if (trial.State == TrialState.Complete || (trial.State == TrialState.Pruned && considerPruned))
        {
            if (intersection is null)
            {
                intersection = new Dictionary<string, Distribution>(trial.Distributions, StringComparer.Ordinal);
                IntersectionVersion++;
            }
            else
            {
                foreach (var name in intersection.Keys.ToArray())
                {
                    if (!trial.Distributions.TryGetValue(name, out var distribution) || !distribution.Equals(intersection[name]))
                    {
                        intersection.Remove(name);
                        IntersectionVersion++;
                    }
                }
            }
        }

        if (CmaClaim.Of(trial) is { } claim)
        {
            if (!finishedClaims.TryGetValue(claim.Generation, out var list))
            {
                list = [];
                finishedClaims[claim.Generation] = list;
            }

            list.Add((claim, trial));
        }
    }
}
