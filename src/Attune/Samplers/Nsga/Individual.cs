namespace Attune.Samplers;

/// <summary>
/// A complete trial as the genetic algorithm sees it: its objective values turned to minimization and
/// its total constraint violation.
/// </summary>
internal sealed class Individual
{
    public Individual(TrialRecord trial, IReadOnlyList<StudyDirection> directions)
    {
        Trial = trial;
        var values = trial.Values ?? throw new ArgumentException($"Trial {trial.Number} has no values.", nameof(trial));
        Objectives = new double[values.Count];
        for (var k = 0; k < Objectives.Length; k++)
        {
            Objectives[k] = directions[k] == StudyDirection.Maximize ? -values[k] : values[k];
        }

        Violation = ConstraintViolation(trial);
    }

    public TrialRecord Trial { get; }

    public int Number => Trial.Number;

    /// <summary>The objective values, every one to be minimized.</summary>
    public double[] Objectives { get; }

    /// <summary>The sum of the positive constraint values (0 when feasible, +∞ when a value is unreadable).</summary>
    public double Violation { get; }

    /// <summary>Whether every constraint value is &lt;= 0 (or the trial has none).</summary>
    public bool Feasible => Violation == 0;

    /// <summary>
    /// The total violation of a trial's constraints (system attribute <see cref="Study.ConstraintsKey"/>):
    /// the sum of its positive values. A trial without constraints is feasible; a value that is not a
    /// number makes the trial infeasible with an infinite violation, as <see cref="Study.IsFeasible"/> treats it.
    /// </summary>
    public static double ConstraintViolation(TrialRecord trial)
    {
        if (!trial.SystemAttrs.TryGetValue(Study.ConstraintsKey, out var raw) || raw is not IEnumerable<object?> constraints)
        {
            return 0;
        }

        var total = 0.0;
        foreach (var c in constraints)
        {
            var value = c switch
            {
                double d => d,
                long l => l,
                _ => double.NaN,
            };
            if (double.IsNaN(value))
            {
                return double.PositiveInfinity;
            }

            if (value > 0)
            {
                total += value;
            }
        }

        return total;
    }

    /// <summary>
    /// Constrained domination (Deb et al., 2002): a feasible individual beats an infeasible one; of two
    /// infeasible ones, the smaller total violation wins; of two feasible ones, Pareto dominance decides.
    /// </summary>
    public static bool ConstrainedDominates(Individual a, Individual b)
    {
        if (a.Feasible && b.Feasible)
        {
            return MultiObjective.ParetoFront.Dominates(a.Objectives, b.Objectives);
        }

        if (a.Feasible != b.Feasible)
        {
            return a.Feasible;
        }

        return a.Violation < b.Violation;
    }
}
