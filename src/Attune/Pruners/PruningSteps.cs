namespace Attune.Pruners;

/// <summary>The warm-up and interval rule shared by the percentile, median and threshold pruners.</summary>
internal static class PruningSteps
{
    /// <summary>
    /// Whether a trial whose last report is at <paramref name="step"/> is at a pruning point: past the
    /// warm-up, and the first report at or after the latest point warm-up + k·interval (so a trial is
    /// checked once per interval even when it skips steps). Optuna's rule.
    /// </summary>
    public static bool IsPruningStep(long step, IEnumerable<long> reportedSteps, int warmupSteps, int intervalSteps)
    {
        if (step < warmupSteps)
        {
            return false;
        }

        var nearestPruningStep = ((step - warmupSteps) / intervalSteps * intervalSteps) + warmupSteps;
        var secondLast = -1L;
        foreach (var s in reportedSteps)
        {
            if (s > secondLast && s != step)
            {
                secondLast = s;
            }
        }

        return secondLast < nearestPruningStep;
    }

    /// <summary>Throws unless the warm-up is &gt;= 0 and the interval &gt;= 1.</summary>
    public static void Validate(int warmupSteps, int intervalSteps)
    {
        if (warmupSteps < 0)
        {
            throw new ArgumentException($"WarmupSteps must be >= 0, but got {warmupSteps}.", nameof(warmupSteps));
        }

        if (intervalSteps < 1)
        {
            throw new ArgumentException($"IntervalSteps must be >= 1, but got {intervalSteps}.", nameof(intervalSteps));
        }
    }
}
