using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Attune.Diagnostics;

namespace Attune.Tests.Diagnostics;

public class TelemetryTests
{
    [Fact]
    public void Optimize_emits_one_activity_and_one_count_per_trial()
    {
        var study = Study.Create(new StudyOptions { Name = $"telemetry-{Guid.NewGuid():N}" });
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AttuneTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("attune.study"), study.Name))
                {
                    activities.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var counts = new ConcurrentDictionary<string, long>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AttuneTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? state = null;
            var ours = false;
            foreach (var tag in tags)
            {
                if (tag.Key == "attune.trial.state")
                {
                    state = (string?)tag.Value;
                }

                ours |= tag.Key == "attune.study" && Equals(tag.Value, study.Name);
            }

            if (ours)
            {
                counts.AddOrUpdate(state!, value, (_, v) => v + value);
            }
        });
        meters.Start();

        study.Optimize(
            t => t.Number == 2 ? throw new TrialPrunedException() : t.SuggestFloat("x", 0, 1),
            new OptimizeOptions { Trials = 5 });

        Assert.Equal(5, activities.Count);
        Assert.Equal(4, activities.Count(a => Equals(a.GetTagItem("attune.trial.state"), "complete")));
        Assert.Equal(4, counts["complete"]);
        Assert.Equal(1, counts["pruned"]);
    }
}
