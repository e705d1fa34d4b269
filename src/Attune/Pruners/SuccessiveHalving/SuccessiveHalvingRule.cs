using System.Globalization;

namespace Attune.Pruners;

/// <summary>
/// The ASHA decision for one trial against a set of comparable trials (the whole study, or one
/// Hyperband bracket). Rung values live in the trials' system attributes <c>completed_rung_K</c>.
/// Thread-safe: the only field that changes is the minimum resource, estimated once.
/// </summary>
internal sealed class SuccessiveHalvingRule
{
    /// <summary>The prefix of the rung attributes (Optuna's key).</summary>
    public const string RungKeyPrefix = "completed_rung_";

    private readonly Lock gate = new();
    private readonly int reductionFactor;
    private readonly int minEarlyStoppingRate;
    private readonly int bootstrapCount;
    private long? minResource;

    public SuccessiveHalvingRule(int? minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount)
    {
        if (minResource is < 1)
        {
            throw new ArgumentException($"MinResource must be >= 1 or null (auto), but got {minResource}.", nameof(minResource));
        }

        if (reductionFactor < 2)
        {
            throw new ArgumentException($"ReductionFactor must be >= 2, but got {reductionFactor}.", nameof(reductionFactor));
        }

        if (minEarlyStoppingRate < 0)
        {
            throw new ArgumentException($"MinEarlyStoppingRate must be >= 0, but got {minEarlyStoppingRate}.", nameof(minEarlyStoppingRate));
        }

        if (bootstrapCount < 0)
        {
            throw new ArgumentException($"BootstrapCount must be >= 0, but got {bootstrapCount}.", nameof(bootstrapCount));
        }

        if (bootstrapCount > 0 && minResource is null)
        {
            throw new ArgumentException(
                $"BootstrapCount {bootstrapCount} needs an explicit MinResource; with MinResource null (auto) it must be 0.", nameof(bootstrapCount));
        }

        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.bootstrapCount = bootstrapCount;
    }

    /// <summary>The rung attribute of rung <paramref name="rung"/>.</summary>
    public static string RungKey(int rung) => RungKeyPrefix + rung.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number of rungs a trial has completed: its rung attributes 0, 1, … present without a gap.</summary>
    public static int CompletedRungs(TrialRecord trial)
    {
        var rung = 0;
        while (trial.SystemAttrs.ContainsKey(RungKey(rung)))
        {
            rung++;
        }

        return rung;
    }

    /// <summary>The step at which rung <paramref name="rung"/> of a bracket sits, or <see cref="long.MaxValue"/> when it overflows.</summary>
    public static long RungStep(long minResource, int reductionFactor, int earlyStoppingRate, int rung)
    {
        var step = minResource;
        for (var i = 0; i < earlyStoppingRate + rung; i++)
        {
            if (step > long.MaxValue / reductionFactor)
            {
                return long.MaxValue;
            }

            step *= reductionFactor;
        }

        return step;
    }

    /// <summary>Decides whether to prune <paramref name="trial"/>, recording the rungs it completes.</summary>
    /// <param name="study">The study (directions, and where rung attributes are written).</param>
    /// <param name="trial">The running trial.</param>
    /// <param name="comparableTrials">The trials it competes with; read only when the trial reaches a rung.</param>
    public bool ShouldPrune(Study study, TrialRecord trial, Func<IEnumerable<TrialRecord>> comparableTrials)
    {
        if (trial.LastStep is not { } step)
        {
            return false;
        }

        var directions = study.Directions;
        if (trial.GetIntermediateValues(step) is not { } reported || reported.Count != directions.Count)
        {
            return false;
        }

        var value = reported.ToArray();
        var rung = CompletedRungs(trial);
        List<TrialRecord>? trials = null;
        while (true)
        {
            var resource = MinResource(() => trials ??= [.. comparableTrials()]);
            if (resource is null || step < RungStep(resource.Value, reductionFactor, minEarlyStoppingRate, rung))
            {
                return false;
            }

            if (Array.Exists(value, double.IsNaN))
            {
                return true;
            }

            trials ??= [.. comparableTrials()];
            var key = RungKey(rung);
            study.SetTrialSystemAttr(trial, key, value.Length == 1 ? AttributeNumbers.Encode(value[0]) : AttributeNumbers.Encode(value));
            var competing = Competitors(trials, trial.Number, key, value.Length);
            competing.Add(value);

            // The competitors include this trial, hence <=.
            if (competing.Count <= bootstrapCount || !RungPromotion.IsPromotable(competing, reductionFactor, directions))
            {
                return true;
            }

            rung++;
        }
    }

    /// <summary>The values other trials recorded at a rung (NaN-free, of the study's dimension).</summary>
    private static List<double[]> Competitors(List<TrialRecord> trials, int self, string key, int dimension)
    {
        var values = new List<double[]>();
        foreach (var other in trials)
        {
            if (other.Number == self || !other.SystemAttrs.TryGetValue(key, out var stored))
            {
                continue;
            }

            double[] point;
            if (dimension == 1)
            {
                if (!AttributeNumbers.TryDecode(stored, out double number))
                {
                    continue;
                }

                point = [number];
            }
            else if (!AttributeNumbers.TryDecode(stored, out point) || point.Length != dimension)
            {
                continue;
            }

            if (!Array.Exists(point, double.IsNaN))
            {
                values.Add(point);
            }
        }

        return values;
    }

    /// <summary>The minimum resource, estimated once from the first completed trial when it is automatic.</summary>
    private long? MinResource(Func<IEnumerable<TrialRecord>> trials)
    {
        lock (gate)
        {
            if (minResource is null)
            {
                long? lastStep = null;
                foreach (var trial in trials())
                {
                    if (trial.State == TrialState.Complete && trial.LastStep is { } s && (lastStep is null || s > lastStep))
                    {
                        lastStep = s;
                    }
                }

                if (lastStep is { } last)
                {
                    minResource = Math.Max(last / 100, 1);
                }
            }

            return minResource;
        }
    }
}
