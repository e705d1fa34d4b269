using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Attune.Randomness;

namespace Attune.Pbt;

/// <summary>
/// Population-based training (Jaderberg et al. 2017; with <see cref="PbtExplore.Pb2"/>, Population-Based Bandits):
/// trains a population of models side by side and, every <see cref="PbtOptions.PerturbationInterval"/> steps, lets
/// each member in the bottom quantile copy the checkpoint of a member in the top quantile (exploit) and change its
/// hyperparameters (explore), so that hyperparameters follow a schedule found during a single training run.
/// </summary>
/// <remarks>
/// <para>
/// Everything is recorded in the study: each segment of a member's training is a trial whose parameters are the
/// hyperparameters in force and whose value is the score at the end of the segment, with the system attribute
/// <c>attune:pbt:segment</c> (versioned JSON: member, generation, parent member and trial, step range, checkpoints).
/// Read it back with <see cref="PbtHistory.Load"/>. Decisions are made from the study alone: a runner claims a
/// member's next segment by creating its trial, so runners in several processes can share a study (e.g. a
/// <c>journal:</c> file) and a checkpoint directory; when two claim the same segment, the lower trial number wins
/// and the other fails its trial at once. A run that stops (an exception, a cancellation) records the interrupted
/// segment as failed; starting a runner again on the same study and checkpoint store continues where it stopped.
/// </para>
/// <para>Checkpoints that no member or pending exploit can use are deleted as the run goes (see <see cref="PbtOptions.KeepAllCheckpoints"/>).</para>
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never allocates a wait handle (only WaitAsync and Release are used), so it holds nothing to dispose.")]
public sealed class PopulationBasedTraining
{
    private readonly PbtSearchSpace space;
    private readonly Func<PbtSegment, IPbtMember> memberFactory;
    private readonly StudyDirection direction;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly PulseSignal progress = new();
    private readonly CheckpointCollector collector;
    private readonly PbtSegmentCache segmentCache = new();

    /// <summary>Creates a runner.</summary>
    /// <param name="study">The single-objective study to record the run in.</param>
    /// <param name="space">The hyperparameters to explore; at least one.</param>
    /// <param name="memberFactory">Creates a member object for each segment, given the segment about to be trained (member, generation, steps, hyperparameters).</param>
    /// <param name="options">The options; default <see cref="PbtOptions"/>'s defaults.</param>
    /// <param name="checkpoints">
    /// Where checkpoints go; default a <see cref="DirectoryCheckpointStore"/> in
    /// <c>{temp}/attune-pbt/{study name}</c>. Runners of one study must share the store.
    /// </param>
    /// <exception cref="ArgumentException">An option is out of range, the search space is empty, or the study has several objectives or another direction than <see cref="PbtOptions.Direction"/>.</exception>
    public PopulationBasedTraining(Study study, PbtSearchSpace space, Func<PbtSegment, IPbtMember> memberFactory, PbtOptions? options = null, ICheckpointStore? checkpoints = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(memberFactory);
        options ??= new PbtOptions();
        options.Validate();
        if (space.Parameters.Count == 0)
        {
            throw new ArgumentException("The search space is empty; add at least one hyperparameter to explore.", nameof(space));
        }

        if (study.Directions.Count != 1)
        {
            throw new ArgumentException($"Study '{study.Name}' has {study.Directions.Count} objectives; population-based training needs a single-objective study.", nameof(study));
        }

        if (options.Direction is { } wanted && wanted != study.Direction)
        {
            throw new ArgumentException(
                $"PbtOptions.Direction is {wanted} but study '{study.Name}' is {study.Direction}; create the study with Direction = {wanted}.", nameof(options));
        }

        Study = study;
        this.space = space;
        this.memberFactory = memberFactory;
        Options = options;
        direction = study.Direction;
        Checkpoints = checkpoints ?? new DirectoryCheckpointStore(Path.Combine(Path.GetTempPath(), "attune-pbt", SafeName(study.Name)));
        collector = new CheckpointCollector(Checkpoints, study.Name, options.Mode);
    }

    /// <summary>The study the run is recorded in.</summary>
    public Study Study { get; }

    /// <summary>The options.</summary>
    public PbtOptions Options { get; }

    /// <summary>The checkpoint store.</summary>
    public ICheckpointStore Checkpoints { get; }

    /// <summary>Runs (or resumes) training until every member has trained its share of <see cref="PbtOptions.TotalSteps"/>.</summary>
    /// <returns>The best final member and the history.</returns>
    /// <exception cref="InvalidOperationException">The study was trained with other settings, or a member returned a score that is not finite.</exception>
    public PbtResult Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>Runs (or resumes) training until every member has trained its share of <see cref="PbtOptions.TotalSteps"/>.</summary>
    /// <param name="cancellationToken">Stops the run; the segments being trained are recorded as failed and trained again on resume.</param>
    /// <returns>The best final member and the history.</returns>
    /// <exception cref="InvalidOperationException">The study was trained with other settings, or a member returned a score that is not finite.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<PbtResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var seed = ResolveSeed();
        var planner = new PbtPlanner(space, Options, seed, direction);
        if (Options.FailRunningSegmentsOnStart)
        {
            foreach (var segment in ReadHistory().Segments.Where(s => s.State == TrialState.Running))
            {
                FailTrial(segment.TrialNumber, "Failed on start of a runner (PbtOptions.FailRunningSegmentsOnStart): the segment's runner had stopped.");
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, Options.Parallelism).Select(_ => WorkAsync(planner, stop)).ToArray();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch when (workers.FirstOrDefault(w => w.IsFaulted) is { } faulted && faulted.Exception!.InnerException is { } first && first is not OperationCanceledException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        var history = ReadHistory();
        return new PbtResult(history.BestFinal(direction)!, history);
    }

    private static string SafeName(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());

    private async Task WorkAsync(PbtPlanner planner, CancellationTokenSource stop)
    {
        var token = stop.Token;
        try
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                var wake = progress.Next;
                PbtSegment? claimed = null;
                await gate.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    if (Study.HeartbeatInterval is not null)
                    {
                        Study.FailStaleTrials();
                    }

                    var history = ReadHistory();
                    var done = planner.IsDone(history);
                    if (!Options.KeepAllCheckpoints)
                    {
                        await collector.CollectAsync(history, done, token).ConfigureAwait(false);
                    }

                    if (done)
                    {
                        progress.Pulse();
                        return;
                    }

                    if (planner.NextReady(history) is { } member)
                    {
                        claimed = Claim(planner.Plan(history, member));
                    }
                }
                finally
                {
                    gate.Release();
                }

                if (claimed is null)
                {
                    await Task.WhenAny(wake, Task.Delay(Options.PollInterval, Study.Time, token)).ConfigureAwait(false);
                    continue;
                }

                await TrainAsync(claimed, token).ConfigureAwait(false);
                progress.Pulse();
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            progress.Pulse();
            throw;
        }
    }

    /// <summary>Creates the trial of a planned segment, or returns <see langword="null"/> when another runner claimed it first.</summary>
    private PbtSegment? Claim(PbtSegment plan)
    {
        var distributions = space.Distributions();
        var internalParams = plan.Hyperparameters.ToDictionary(p => p.Key, p => distributions[p.Key].ToInternal(p.Value), StringComparer.Ordinal);
        var record = Study.StorageBackend.CreateTrial(Study.StudyId, new TrialRecord
        {
            State = TrialState.Running,
            Params = plan.Hyperparameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            InternalParams = internalParams,
            Distributions = distributions,
            SystemAttrs = new Dictionary<string, object?>(StringComparer.Ordinal) { [PbtAttributes.SegmentKey] = PbtAttributes.Write(plan) },
            StartedAt = Study.Time.GetUtcNow(),
        });
        // The first trial of the member's generation that did not fail wins (see PbtHistory); every runner sees the same order.
        foreach (var trial in Study.Trials)
        {
            if (trial.Number >= record.Number)
            {
                break;
            }

            if (trial.State != TrialState.Fail && segmentCache.Read(trial) is { } other && other.Member == plan.Member && other.Generation == plan.Generation)
            {
                FailTrial(record.Number, $"Duplicate claim: trial {other.TrialNumber} trains member {plan.Member}'s generation {plan.Generation}.");
                PbtLog.DuplicateClaim(Study.Logger, plan.Member, plan.Generation, record.Number, other.TrialNumber);
                return null;
            }
        }

        if (plan.Exploited)
        {
            PbtLog.Exploited(Study.Logger, plan.Member, plan.Generation, record.Number, plan.ParentMember!.Value, plan.ParentTrial!.Value, plan.Hyperparameters.ToString());
        }

        return plan with { TrialNumber = record.Number };
    }

    private async Task TrainAsync(PbtSegment segment, CancellationToken token)
    {
        var member = memberFactory(segment) ?? throw new InvalidOperationException("The member factory returned null.");
        var trialId = Study.Trials[segment.TrialNumber].TrialId;
        using var heartbeat = Study.HeartbeatInterval is { } interval
            ? Study.Time.CreateTimer(_ => Beat(trialId, segment.TrialNumber), null, TimeSpan.Zero, interval)
            : null;
        try
        {
            member.Initialize(segment.Hyperparameters);
            if (segment.LoadedCheckpoint is { } load)
            {
                Stream source;
                try
                {
                    source = await Checkpoints.OpenReadAsync(load, token).ConfigureAwait(false);
                }
                catch (KeyNotFoundException e)
                {
                    // Another process deleted the checkpoint between this runner's decision and now; decide again.
                    FailTrial(segment.TrialNumber, $"Checkpoint '{load}' is gone: {e.Message}");
                    PbtLog.CheckpointGone(Study.Logger, segment.Member, segment.Generation, segment.TrialNumber, load);
                    return;
                }

                await using (source.ConfigureAwait(false))
                {
                    await member.LoadAsync(source, token).ConfigureAwait(false);
                }
            }

            var steps = checked((int)(segment.EndStep - segment.StartStep));
            var score = await member.TrainAsync(steps, token).ConfigureAwait(false);
            if (!double.IsFinite(score))
            {
                throw new InvalidOperationException(
                    $"Member {segment.Member} returned the score {score.ToString(CultureInfo.InvariantCulture)} after generation {segment.Generation}; scores must be finite.");
            }

            var id = CheckpointIds.For(Study.Name, segment.Member, segment.Generation, segment.TrialNumber);
            await Checkpoints.WriteAsync(id, member.SaveAsync, token).ConfigureAwait(false);
            var trial = new Trial(Study, Study.StorageBackend.GetTrial(trialId));
            trial.SetSystemAttr(PbtAttributes.SegmentKey, PbtAttributes.Write(segment with { Checkpoint = id }));
            Study.Tell(trial, score);
        }
        catch (Exception e)
        {
            FailTrial(segment.TrialNumber, e is OperationCanceledException ? "The run was cancelled during the segment." : $"{e.GetType().Name}: {e.Message}");
            throw;
        }
        finally
        {
            switch (member)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    // A heartbeat lost to a storage error only makes the segment look stale sooner; it must not take the process down.
    private void Beat(int trialId, int trialNumber)
    {
        try
        {
            Study.StorageBackend.RecordHeartbeat(trialId);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Diagnostics.Log.HeartbeatFailed(Study.Logger, trialNumber, e);
        }
    }

    private void FailTrial(int trialNumber, string reason)
    {
        var record = Study.Trials[trialNumber];
        if (record.State.IsFinished())
        {
            return;
        }

        Study.StorageBackend.SetTrialSystemAttr(record.TrialId, Study.FailReasonKey, reason);
        Study.StorageBackend.SetTrialStateValues(record.TrialId, TrialState.Fail, null);
    }

    private PbtHistory ReadHistory() => PbtHistory.FromTrials(Study.Trials, segmentCache);

    private ulong ResolveSeed()
    {
        var names = space.Parameters.Select(p => p.Name);
        if (Study.SystemAttrs.TryGetValue(PbtAttributes.ConfigKey, out var raw) && raw is string json)
        {
            var recorded = PbtAttributes.CheckConfig(json, Options);
            return Options.Seed is { } s ? (ulong)(uint)s : recorded;
        }

        var seed = Options.Seed is { } given ? (ulong)(uint)given : SeededRandom.EntropySeed();
        Study.StorageBackend.SetStudySystemAttr(Study.StudyId, PbtAttributes.ConfigKey, PbtAttributes.WriteConfig(Options, seed, names));
        return seed;
    }
}
