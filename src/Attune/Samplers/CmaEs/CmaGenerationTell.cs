namespace Attune.Samplers;

/// <summary>
/// Turns a complete generation (see <see cref="CmaGenerationView.IsComplete"/>) into the next CMA-ES
/// state: the points and values of λ members, the update, and the trials carried into the next
/// generation.
/// </summary>
internal static class CmaGenerationTell
{
    /// <summary>Updates <paramref name="state"/> (a private copy) with the generation in <paramref name="view"/>.</summary>
    /// <param name="state">A copy of the current state, changed in place.</param>
    /// <param name="view">The generation, complete.</param>
    /// <returns>The next state and whether the update restarted the search.</returns>
    public static (CmaStudyState State, bool Restarted) Apply(CmaStudyState state, CmaGenerationView view)
    {
        var space = state.Space;
        var search = state.Search;
        var n = space.Dimension;
        var lambda = search.Optimizer.PopulationSize;

        // The filled slots first, then evaluated overflow trials (samples of this generation too) for the rest.
        var members = new List<(CmaClaim Claim, TrialRecord Trial, double Value, bool Carried)>(lambda);
        foreach (var filled in view.Filled)
        {
            if (filled is { } member)
            {
                members.Add(member);
            }
        }

        var usedOverflow = new HashSet<int>();
        foreach (var overflow in view.OverflowFinished)
        {
            if (members.Count == lambda)
            {
                break;
            }

            members.Add(overflow);
            usedOverflow.Add(overflow.Trial.Number);
        }

        var points = new double[lambda * n];
        var values = new double[lambda];
        var injected = new bool[lambda];
        for (var k = 0; k < lambda; k++)
        {
            var (claim, trial, value, carried) = members[k];
            values[k] = value;
            injected[k] = carried | ToPoint(space, claim, trial, points.AsSpan(k * n, n));
        }

        var restarted = search.Tell(points, values, injected);

        // Members of this generation still running, and evaluated ones left over, fill the first slots of
        // the next generation (as injected solutions), so that no evaluation is lost. Not across a restart.
        var carry = new List<int>();
        if (!restarted)
        {
            carry.AddRange(view.PendingTrial.Where(t => t >= 0));
            carry.AddRange(view.OverflowRunning);
            carry.AddRange(view.OverflowFinished.Select(o => o.Trial.Number).Where(t => !usedOverflow.Contains(t)));
            carry.Sort();
            if (carry.Count > search.Optimizer.PopulationSize)
            {
                carry.RemoveRange(search.Optimizer.PopulationSize, carry.Count - search.Optimizer.PopulationSize);
            }
        }

        return (state with { Reserved = carry }, restarted);
    }

    // The point a member teaches: its sample, except coordinates where the trial ran another value (an
    // enqueued trial's fixed parameter, say), which take that value's coordinate. Returns whether any did.
    private static bool ToPoint(CmaSpace space, CmaClaim claim, TrialRecord trial, Span<double> point)
    {
        var n = space.Dimension;
        if (claim.X.Length != n)
        {
            for (var i = 0; i < n; i++)
            {
                point[i] = trial.InternalParams.TryGetValue(space.Names[i], out var v) ? space.ToUnit(i, v) : 0.5;
            }

            return true;
        }

        var changed = false;
        var evaluated = claim.Evaluated;
        for (var i = 0; i < n; i++)
        {
            point[i] = claim.X[i];
            var name = space.Names[i];
            if (trial.InternalParams.TryGetValue(name, out var actual)
                && trial.Distributions.TryGetValue(name, out var distribution)
                && distribution.Equals(space.DistributionAt(i))
                && actual != space.FromUnit(i, evaluated[i]))
            {
                point[i] = space.ToUnit(i, actual);
                changed = true;
            }
        }

        return changed;
    }
}
