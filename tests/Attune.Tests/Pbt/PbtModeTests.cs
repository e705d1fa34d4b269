using System.Collections.Concurrent;
using Attune.Pbt;

namespace Attune.Tests.Pbt;

public sealed class PbtModeTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Asynchronous_members_keep_training_while_one_member_is_stuck_in_a_step()
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var othersFarAhead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var completed = new ConcurrentDictionary<int, int>();
        async Task BeforeTrain(PbtSegment segment, CancellationToken ct)
        {
            if (segment.Member == 0 && segment.Generation == 0)
            {
                await release.Task.WaitAsync(ct);
                return;
            }

            if (segment.Member != 0 && completed.AddOrUpdate(segment.Member, 1, (_, n) => n + 1) >= 5 && completed.Count == 3 && completed.Values.All(n => n >= 5))
            {
                othersFarAhead.TrySetResult();
            }
        }

        var options = new PbtOptions { PopulationSize = 4, PerturbationInterval = 1, TotalSteps = 4 * 8, Seed = 1, Mode = PbtMode.Asynchronous, Parallelism = 4 };
        var run = new PopulationBasedTraining(study, ToyMember.Space, s => new HookedMember(new ToyMember(), s, BeforeTrain), options, new InMemoryCheckpointStore()).RunAsync();

        // The other three members reach their fifth segment while member 0 has not finished its first.
        await othersFarAhead.Task.WaitAsync(Guard);
        var history = PbtHistory.Load(study);
        Assert.Equal(0, history.Members[0].CompletedGenerations);
        Assert.All(history.Members.Skip(1), m => Assert.True(m.CompletedGenerations >= 4));

        release.SetResult();
        var result = await run.WaitAsync(Guard);
        Assert.All(result.History.Members, m => Assert.Equal(8, m.CompletedGenerations));
    }

    [Fact]
    public async Task Synchronous_generations_start_only_after_the_whole_previous_generation_completed()
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var options = new PbtOptions { PopulationSize = 5, PerturbationInterval = 2, TotalSteps = 5 * 12, Seed = 2, Parallelism = 3 };
        var history = (await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, new InMemoryCheckpointStore()).RunAsync()).History;

        // A segment's trial is created when it starts, so numbers order the starts.
        for (var g = 1; g < 6; g++)
        {
            Assert.True(history.Members.Max(m => m.Segments[g - 1].TrialNumber) < history.Members.Min(m => m.Segments[g].TrialNumber));
        }
    }

    [Fact]
    public async Task A_seeded_synchronous_run_is_the_same_at_any_parallelism()
    {
        async Task<double[]> Run(int parallelism)
        {
            using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
            var options = new PbtOptions { PopulationSize = 6, PerturbationInterval = 4, TotalSteps = 6 * 40, Seed = 9, Parallelism = parallelism };
            var result = await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, new InMemoryCheckpointStore()).RunAsync();
            return result.History.Members.SelectMany(m => m.Segments.Select(s => s.Score!.Value)).ToArray();
        }

        Assert.Equal(await Run(1), await Run(4));
    }
}
