
using Attune.MultiObjective;

namespace Attune;

/// <summary>The best trials of a study.</summary>
public sealed partial class Study
{
    /// <summary>The system attribute holding a trial's constraint values (feasible when every value is &lt;= 0), Optuna's name.</summary>
    public const string ConstraintsKey = "constraints";

    /// <summary>The best complete, feasible trial of a single-objective study.</summary>
    /// <exception cref="InvalidOperationException">The study has several objectives, or no complete feasible trial yet.</exception>
    public TrialRecord BestTrial
    {
        get
        {
            var direction = Direction;
            return FindBest(Trials, direction)
                ?? throw new InvalidOperationException($"Study '{Name}' has no complete feasible trial yet.");
        }
    }

    /// <summary>The value of <see cref="BestTrial"/>.</summary>
    /// <exception cref="InvalidOperationException">The study has several objectives, or no complete feasible trial yet.</exception>
    public double BestValue => BestTrial.Value!.Value;

    /// <summary>The parameters of <see cref="BestTrial"/>.</summary>
    /// <exception cref="InvalidOperationException">The study has several objectives, or no complete feasible trial yet.</exception>
    public IReadOnlyDictionary<string, object?> BestParams => BestTrial.Params;

    /// <summary>
    /// The Pareto front: the complete, feasible trials that no other such trial dominates (for a single
    /// objective, every trial with the best value). In number order.
    /// </summary>
    public IReadOnlyList<TrialRecord> BestTrials
    {
        get
        {
            var candidates = new List<TrialRecord>();
            var points = new List<double[]>();
            foreach (var trial in Trials)
            {
                if (trial.State == TrialState.Complete && trial.Values is { } values && IsFeasible(trial))
                {
                    candidates.Add(trial);
                    var point = new double[values.Count];
                    for (var k = 0; k < point.Length; k++)
                    {
                        point[k] = Directions[k] == StudyDirection.Maximize ? -values[k] : values[k];
                    }

                    points.Add(point);
                }
            }

            var front = ParetoFront.ParetoFrontIndices(points);
            var result = new TrialRecord[front.Length];
            for (var i = 0; i < front.Length; i++)
            {
                result[i] = candidates[front[i]];
            }

            return result;
        }
    }

    /// <summary>Whether a trial satisfies its constraints (no constraints counts as feasible).</summary>
    /// <param name="trial">The trial.</param>
    /// <returns><see langword="true"/> when every constraint value is &lt;= 0 or none is recorded.</returns>
    public static bool IsFeasible(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!trial.SystemAttrs.TryGetValue(ConstraintsKey, out var raw) || raw is not IEnumerable<object?> constraints)
        {
            return true;
        }

        foreach (var c in constraints)
        {
            var value = c switch
            {
                double d => d,
                long l => l,
                _ => double.NaN,
            };
            if (!(value <= 0))
            {
                return false;
            }
        }

        return true;
    }

    internal static TrialRecord? FindBest(IReadOnlyList<TrialRecord> trials, StudyDirection direction)
    {
        TrialRecord? best = null;
        foreach (var trial in trials)
        {
            if (trial.State != TrialState.Complete || trial.Value is not { } value || !IsFeasible(trial))
            {
                continue;
            }

            if (best is null
                || (direction == StudyDirection.Minimize ? value < best.Value!.Value : value > best.Value!.Value))
            {
                best = trial;
            }
        }

        return best;
    }
}
