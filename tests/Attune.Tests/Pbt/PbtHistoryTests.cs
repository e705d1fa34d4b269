using System.Text.Json;
using Attune.Pbt;

namespace Attune.Tests.Pbt;

public sealed class PbtHistoryTests
{
    [Fact]
    public async Task The_study_holds_each_members_schedule_and_the_lineage_of_the_best_model()
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var options = new PbtOptions { PopulationSize = 4, PerturbationInterval = 5, TotalSteps = 4 * 48, Seed = 8 };
        var result = await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, new InMemoryCheckpointStore()).RunAsync();

        var history = PbtHistory.Load(study);
        Assert.Equal(4, history.Members.Count);
        foreach (var member in history.Members)
        {
            var schedule = member.Schedule();
            Assert.Equal(10, schedule.Count);
            Assert.Equal(0, schedule[0].StartStep);
            Assert.Equal(48, schedule[^1].EndStep); // the last segment is shorter
            Assert.All(schedule.Zip(schedule.Skip(1)), p => Assert.Equal(p.First.EndStep, p.Second.StartStep));
            Assert.All(member.Segments, s => Assert.Equal(study.Trials[s.TrialNumber].Params["h0"], s.Hyperparameters["h0"]));
        }

        var lineage = history.Lineage(result.Best.TrialNumber);
        Assert.Equal(10, lineage.Count);
        Assert.Equal(result.Best.TrialNumber, lineage[^1].TrialNumber);
        Assert.Null(lineage[0].ParentTrial);
        Assert.All(lineage.Zip(lineage.Skip(1)), p =>
        {
            Assert.Equal(p.First.TrialNumber, p.Second.ParentTrial);
            Assert.Equal(p.First.Member, p.Second.ParentMember);
            Assert.Equal(p.First.Checkpoint, p.Second.LoadedCheckpoint);
        });

        var raw = (string)study.Trials[result.Best.TrialNumber].SystemAttrs["attune:pbt:segment"]!;
        using var json = JsonDocument.Parse(raw);
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(result.Best.Member, json.RootElement.GetProperty("member").GetInt32());
        Assert.Equal(result.Best.Checkpoint, json.RootElement.GetProperty("checkpoint").GetString());
        Assert.Equal(result.Best.Score, study.Trials[result.Best.TrialNumber].Value);
    }
}
