namespace Attune.Visualization;

/// <summary>The timeline plot.</summary>
public static partial class Plots
{
    /// <summary>
    /// When each trial ran: a horizontal bar per trial from its start to its end (to now for a running
    /// trial), one series per state. Waiting trials, which have not started, are left out.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="timeProvider">The clock for the end of running trials; default <see cref="TimeProvider.System"/>.</param>
    /// <returns>The figure: a panel with a time axis and a <see cref="BarSeries"/> per state present.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    public static Figure Timeline(Study study, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        var byState = new SortedDictionary<TrialState, (List<double> Position, List<double> Start, List<double> Length, List<string> Hover)>();
        foreach (var trial in study.Trials)
        {
            if (trial.StartedAt is not { } start)
            {
                continue;
            }

            var end = trial.CompletedAt ?? (trial.State == TrialState.Running ? now : start);
            if (!byState.TryGetValue(trial.State, out var lists))
            {
                lists = ([], [], [], []);
                byState[trial.State] = lists;
            }

            lists.Position.Add(trial.Number);
            lists.Start.Add(start.ToUnixTimeMilliseconds());
            lists.Length.Add(Math.Max(0, (end - start).TotalMilliseconds));
            lists.Hover.Add($"Trial {trial.Number} ({trial.State})<br>{start.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, {(end - start).TotalSeconds:0.###} s");
        }

        var series = new List<Series>();
        foreach (var (state, lists) in byState)
        {
            series.Add(new BarSeries(state.ToString(), lists.Position, lists.Length)
            {
                Horizontal = true,
                Base = lists.Start,
                Color = Palette.ForState(state),
                HoverText = lists.Hover,
            });
        }

        var panel = new Panel(new Axis("Datetime") { Type = AxisType.Date }, new Axis("Trial"), series);
        return new Figure("timeline", "Timeline Plot", [panel]);
    }
}
