using Attune.Pbt;
using Attune.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace Attune.Tests.Pbt;

public sealed class PbtHeartbeatTests
{
    [Fact]
    public async Task With_heartbeats_a_segment_whose_runner_died_is_failed_and_trained_again_by_another_runner()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var storageTime = new FakeTimeProvider(start);
        var storage = new InMemoryStorage(storageTime);
        var options = new PbtOptions { PopulationSize = 4, PerturbationInterval = 5, TotalSteps = 4 * 30, Seed = 4 };
        Study Open(TimeProvider time) => Study.Create(new StudyOptions
        {
            Name = "pbt", StorageInstance = storage, LoadIfExists = true, Direction = StudyDirection.Maximize, HeartbeatInterval = TimeSpan.FromSeconds(1), TimeProvider = time,
        });

        // The dead runner's clock never moves, so after its first heartbeat it never beats again: as if its process died.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Hang(PbtSegment segment, CancellationToken ct)
        {
            if (segment.Member == 1 && segment.Generation == 2)
            {
                entered.SetResult();
                await hung.Task;
            }
        }

        var store = new InMemoryCheckpointStore();
        using var dead = Open(new FakeTimeProvider(start));
        var deadRun = new PopulationBasedTraining(dead, ToyMember.Space, s => new HookedMember(new ToyMember(), s, Hang), options, store).RunAsync();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var running = Assert.Single(PbtHistory.Load(dead).Segments, s => s.State == TrialState.Running);

        storageTime.Advance(TimeSpan.FromSeconds(10));
        using var alive = Open(storageTime);
        var result = await new PopulationBasedTraining(alive, ToyMember.Space, _ => new ToyMember(), options, store).RunAsync();

        Assert.All(result.History.Members, m => Assert.Equal(6, m.CompletedGenerations));
        Assert.Equal(Study.StaleTrialFailReason, alive.Trials[running.TrialNumber].SystemAttrs[Study.FailReasonKey]);
        Assert.True(result.History.Members[1].Segments[2].TrialNumber > running.TrialNumber);

        hung.SetException(new IOException("the dead runner wakes up"));
        await Assert.ThrowsAsync<IOException>(() => deadRun);
    }
}
