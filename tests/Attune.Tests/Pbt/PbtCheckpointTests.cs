using System.Collections.Concurrent;
using Attune.Pbt;

namespace Attune.Tests.Pbt;

public sealed class PbtCheckpointTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "attune-pbt-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(PbtMode.Synchronous)]
    [InlineData(PbtMode.Asynchronous)]
    public async Task Checkpoints_in_use_are_never_deleted_and_only_the_final_ones_remain(PbtMode mode)
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var store = new AuditingStore();
        var options = new PbtOptions { PopulationSize = 6, PerturbationInterval = 2, TotalSteps = 6 * 40, Seed = 6, Mode = mode, Parallelism = 3 };
        var result = await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, store).RunAsync();

        Assert.Empty(store.LoadsOfDeleted);
        Assert.DoesNotContain(result.History.Segments, s => s.State == TrialState.Fail);
        Assert.Equal(result.History.Members.Select(m => m.Latest!.Checkpoint!).Order(), store.Inner.Ids.Order());
        Assert.True(store.Deleted.Count > 6 * 10);
    }

    [Fact]
    public void A_checkpoint_a_pending_segment_will_load_is_in_use_after_its_member_moved_on()
    {
        var segments = new List<PbtSegment>
        {
            Segment(0, 0, 0, TrialState.Complete, checkpoint: "a0"),
            Segment(1, 1, 0, TrialState.Complete, checkpoint: "b0"),
            Segment(2, 0, 1, TrialState.Complete, checkpoint: "a1", load: "a0"),
            Segment(3, 1, 1, TrialState.Running, load: "a0"), // exploited a0 before member 0 finished generation 1
        };
        var keep = CheckpointCollector.InUse(History(segments), PbtMode.Asynchronous, done: false);
        Assert.Equal(["a0", "a1", "b0"], keep.Order());
    }

    [Fact]
    public async Task The_directory_store_writes_atomically_and_reports_missing_checkpoints()
    {
        var store = new DirectoryCheckpointStore(directory);
        await store.WriteAsync("c1", async (s, ct) => await s.WriteAsync(new byte[] { 1, 2, 3 }, ct), default);
        await Assert.ThrowsAsync<InvalidDataException>(async () =>
            await store.WriteAsync("c1", async (s, ct) =>
            {
                await s.WriteAsync(new byte[] { 9 }, ct);
                throw new InvalidDataException("the writer failed half way");
            }, default));

        await using (var read = await store.OpenReadAsync("c1", default))
        {
            var bytes = new byte[8];
            Assert.Equal(3, await read.ReadAsync(bytes));
            Assert.Equal(new byte[] { 1, 2, 3 }, bytes[..3]);
        }

        Assert.Equal(["c1.ckpt"], Directory.GetFiles(directory).Select(Path.GetFileName));
        await store.DeleteAsync("c1", default);
        Assert.False(store.Exists("c1"));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await store.OpenReadAsync("c1", default));
        var e = Assert.Throws<ArgumentException>(() => store.Exists("../escape"));
        Assert.Contains("../escape", e.Message, StringComparison.Ordinal);
    }

    private static PbtHistory History(List<PbtSegment> segments) =>
        PbtHistory.FromTrials(segments.Select(s => new TrialRecord
        {
            Number = s.TrialNumber,
            State = s.State,
            Values = s.State == TrialState.Complete ? [1.0] : null,
            SystemAttrs = new Dictionary<string, object?> { [PbtAttributes.SegmentKey] = PbtAttributes.Write(s) },
        }));

    private static PbtSegment Segment(int trial, int member, int generation, TrialState state, string? checkpoint = null, string? load = null) => new()
    {
        Member = member,
        Generation = generation,
        TrialNumber = trial,
        State = state,
        Hyperparameters = new PbtHyperparameters(new Dictionary<string, object?>()),
        StartStep = generation,
        EndStep = generation + 1,
        Checkpoint = checkpoint,
        LoadedCheckpoint = load,
    };

    /// <summary>A store that remembers what was deleted and whether anything deleted was asked for again.</summary>
    private sealed class AuditingStore : ICheckpointStore
    {
        public InMemoryCheckpointStore Inner { get; } = new();

        public ConcurrentBag<string> Deleted { get; } = [];

        public ConcurrentBag<string> LoadsOfDeleted { get; } = [];

        public ValueTask WriteAsync(string id, Func<Stream, CancellationToken, ValueTask> write, CancellationToken cancellationToken) =>
            Inner.WriteAsync(id, write, cancellationToken);

        public ValueTask<Stream> OpenReadAsync(string id, CancellationToken cancellationToken)
        {
            if (Deleted.Contains(id))
            {
                LoadsOfDeleted.Add(id);
            }

            return Inner.OpenReadAsync(id, cancellationToken);
        }

        public ValueTask DeleteAsync(string id, CancellationToken cancellationToken)
        {
            if (Inner.Exists(id))
            {
                Deleted.Add(id);
            }

            return Inner.DeleteAsync(id, cancellationToken);
        }

        public bool Exists(string id) => Inner.Exists(id);
    }
}
