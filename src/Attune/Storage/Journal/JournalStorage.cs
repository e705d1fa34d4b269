using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.Storage.Journal;

/// <summary>
/// Keeps studies in an append-only log of operations in Optuna's journal format (URL <c>journal:PATH</c> for a file):
/// the embedded default persistent storage. Every process that opens the same log sees the same studies, Optuna's
/// <c>JournalStorage</c> included, and each keeps an in-memory replay of the log that it brings up to date by reading
/// only what was appended since its last read.
/// </summary>
/// <remarks>
/// <para>A write whose check depends on the latest state (a free study name, a trial still waiting, an enqueued
/// trial's distributions) takes the backend's exclusive lock, replays what other processes appended, checks, appends
/// and replays its line. The frequent writes (a new trial, a finished trial, intermediate values, attributes,
/// heartbeats) are checked against this process's replay, appended without the check-then-append cycle and replayed
/// with whatever other processes appended: Optuna's replay rules decide them the same way in every process (a change
/// to a trial another worker finished first is ignored), and the storage reports the outcome its line had, e.g. an
/// <see cref="InvalidOperationException"/> when the trial was finished elsewhere first. Reads replay what is new
/// without taking the lock. Thread-safe.</para>
/// <para>Parameters (<see cref="SetTrialParam"/>) are buffered and appended together with this storage's next line,
/// usually the trial's final state, so a trial costs two appends (its creation and its end) however many parameters
/// it has. A read of a trial includes its buffered parameters and a read of a study's trials appends them first, so
/// this process always reads what it wrote; other processes see a running trial's parameters from this process's
/// next append on, and at the latest <see cref="JournalStorageOptions.ParameterWriteDelay"/> after they were suggested,
/// when a timer appends them on their own. A process killed mid-trial leaves
/// its trial running (its creation is appended at once), without the parameters it had not appended yet; a heartbeat
/// (see <see cref="RecordHeartbeat"/>) appends them too and lets another worker fail the trial.</para>
/// <para>Attune writes only what Optuna 3.1 writes (operation codes, keys, state and direction numbers, distribution
/// JSON, naive local timestamps), and replays with Optuna's rules, so both assign the same ids and numbers and see
/// the same trials in one file.</para>
/// </remarks>
public sealed class JournalStorage : IStorage
{
    /// <summary>The trial system attribute that holds a running trial's last heartbeat (UTC, ISO 8601).</summary>
    public const string HeartbeatKey = "attune:heartbeat";

    private readonly IJournalBackend backend;
    private readonly StorageModel model = new();
    private readonly JournalReplayer replayer;
    private readonly JournalOpWriter ops;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly List<ReadOnlyMemory<byte>> pending = [];
    private readonly List<(int TrialId, int StudyId, string Name, double Value, Distribution Distribution)> pendingParams = [];
    private readonly DeferredWrite deferredParams;
    private readonly bool writeParamsAtOnce;
    private long position;
    private bool disposed;

    /// <summary>Opens a journal and replays it.</summary>
    /// <param name="backend">Where the log lives, e.g. a <see cref="JournalFileBackend"/>. The storage owns it and disposes it.</param>
    /// <param name="options">The clock, logging and parameter write delay; default <see cref="JournalStorageOptions"/>'s defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="backend"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="JournalStorageOptions.ParameterWriteDelay"/> is negative and not infinite.</exception>
    /// <exception cref="IOException">The log cannot be read.</exception>
    public JournalStorage(IJournalBackend backend, JournalStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        options ??= new JournalStorageOptions();
        this.backend = backend;
        DeferredWrite.Validate(options.ParameterWriteDelay, nameof(options.ParameterWriteDelay));
        time = options.TimeProvider ?? TimeProvider.System;
        logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<JournalStorage>();
        writeParamsAtOnce = options.ParameterWriteDelay == TimeSpan.Zero;
        deferredParams = new DeferredWrite(time, options.ParameterWriteDelay, AppendDeferredParams);
        var worker = Guid.NewGuid().ToString();
        replayer = new JournalReplayer(model, time.LocalTimeZone, logger, worker);
        ops = new JournalOpWriter(worker, time.LocalTimeZone);
        lock (gate)
        {
            Sync();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public int CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(directions);
        if (directions.Count == 0)
        {
            throw new ArgumentException("A study needs at least one direction.", nameof(directions));
        }

        foreach (var direction in directions)
        {
            if (!Enum.IsDefined(direction))
            {
                throw new ArgumentException($"{(int)direction} is not a study direction; use Minimize or Maximize.", nameof(directions));
            }
        }

        var line = ops.CreateStudy(name, directions);
        return Write(() =>
        {
            if (model.FindStudy(name) is not null)
            {
                throw DuplicateStudyException.For(name);
            }

            var id = model.NextStudyId;
            Append(line, commit: true);
            Verify(model.FindStudy(name) == id, $"the creation of study '{name}'");
            return id;
        });
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void DeleteStudy(int studyId)
    {
        var line = ops.DeleteStudy(studyId);
        Write(() =>
        {
            model.GetStudy(studyId);
            Append(line, commit: true);
            return true;
        });
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public int? FindStudy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Read(() => model.FindStudy(name));
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public StudyInfo GetStudy(int studyId) => Read(() => model.GetStudy(studyId));

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public IReadOnlyList<StudyInfo> GetAllStudies() => Read(model.GetAllStudies);

    /// <inheritdoc/>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetStudyUserAttr(int studyId, string key, object? value) => SetStudyAttr(system: false, studyId, key, value);

    /// <inheritdoc/>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetStudySystemAttr(int studyId, string key, object? value) => SetStudyAttr(system: true, studyId, key, value);

    /// <inheritdoc/>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ArgumentException">A template's parameter value or distribution is invalid or incompatible with the study's.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public TrialRecord CreateTrial(int studyId, TrialRecord? template = null)
    {
        byte[] line;
        if (template is null)
        {
            line = ops.CreateTrial(studyId, time.GetUtcNow());
        }
        else
        {
            var internalParams = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, distribution) in template.Distributions)
            {
                var internalValue = template.InternalParams.TryGetValue(name, out var v)
                    ? v
                    : distribution.ToInternal(template.Params.TryGetValue(name, out var external)
                        ? external
                        : throw new ArgumentException($"Distribution '{name}' has no value in Params.", nameof(template)));
                distribution.ToExternal(internalValue);
                internalParams[name] = internalValue;
            }

            line = ops.CreateTrial(studyId, template, internalParams);
        }

        if (template is null)
        {
            // Its id is what the replay gives the line; a fresh running trial is lost with its worker anyway.
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                Known(() => model.CheckCreateTrial(studyId, null));
                Log(line, commit: false, ignored =>
                {
                    model.CheckCreateTrial(studyId, null);
                    Verify(false, $"the creation of a trial in study {studyId} ({ignored})");
                });
                return model.GetTrial(replayer.LastOwnTrialId!.Value);
            }
        }

        return Write(() =>
        {
            model.CheckCreateTrial(studyId, template);
            var id = model.NextTrialId;

            // An enqueued or added trial is a result.
            Append(line, commit: true);
            Verify(model.TrialExists(id), $"the creation of a trial in study {studyId}");
            return model.GetTrial(id);
        });
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Looks for a waiting trial in this process's replay without reading the log first: the replay is brought up to
    /// date by every append and read of this storage (a worker's previous trial ended with one), so a trial another
    /// process enqueued is taken from this storage's next append on. Taking it checks the latest log.
    /// </remarks>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public TrialRecord? PopWaitingTrial(int studyId)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (Known(() => model.OldestWaitingTrialId(studyId)) is null)
            {
                return null;
            }
        }

        return Write(() =>
        {
            if (model.OldestWaitingTrialId(studyId) is not { } trialId)
            {
                return null;
            }

            Append(ops.SetTrialStateValues(trialId, TrialState.Running, null, time.GetUtcNow()), commit: false);
            Verify(model.GetTrialState(trialId) == TrialState.Running, $"the start of waiting trial {trialId}");
            return model.GetTrial(trialId);
        });
    }

    /// <inheritdoc/>
    /// <remarks>Checked against this process's replay and buffered: the line is appended with this storage's next
    /// append, or before its next read of a study's trials, or when <see cref="JournalStorageOptions.ParameterWriteDelay"/>
    /// ends, or when it is disposed (see the class remarks).</remarks>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="internalValue"/> is not a value of <paramref name="distribution"/> (a categorical index out of range).</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetTrialParam(int trialId, string name, double internalValue, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(distribution);
        distribution.ToExternal(internalValue);
        var line = ops.SetTrialParam(trialId, name, internalValue, distribution);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            Known(() => model.CheckUpdatable(trialId));
            model.CheckParam(trialId, name, distribution);
            var studyId = model.GetTrialStudyId(trialId);
            foreach (var (_, otherStudy, otherName, _, other) in pendingParams)
            {
                if (otherStudy == studyId && otherName == name)
                {
                    other.EnsureCompatibleWith(name, distribution);
                }
            }

            pending.Add(line);
            pendingParams.Add((trialId, studyId, name, internalValue, distribution));
            if (writeParamsAtOnce)
            {
                Log(null, commit: false, onIgnored: null);
            }
            else
            {
                deferredParams.Arm();
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a trial state.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public bool SetTrialStateValues(int trialId, TrialState state, IReadOnlyList<double>? values)
    {
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Not a trial state.");
        }

        var line = ops.SetTrialStateValues(trialId, state, values, time.GetUtcNow());
        if (state.IsFinished())
        {
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                Known(() => model.CheckUpdatable(trialId));
                Log(line, commit: true, ignored =>
                {
                    // Another worker finished the trial first.
                    model.CheckUpdatable(trialId);
                    Verify(false, $"the state change of trial {trialId} ({ignored})");
                });
                return true;
            }
        }

        return Write(() =>
        {
            if (state == TrialState.Running)
            {
                if (model.GetTrialState(trialId) != TrialState.Waiting)
                {
                    return false;
                }
            }
            else
            {
                model.CheckUpdatable(trialId);
            }

            Append(line, commit: state != TrialState.Running);
            Verify(model.GetTrialState(trialId) == state, $"the state change of trial {trialId}");
            return true;
        });
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="InvalidOperationException">The trial is finished.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetTrialIntermediateValue(int trialId, long step, double value) =>
        UpdateTrial(trialId, ops.SetTrialIntermediateValue(trialId, step, value));

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="InvalidOperationException">The trial is finished.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetTrialUserAttr(int trialId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        UpdateTrial(trialId, ops.SetTrialAttr(system: false, trialId, key, value));
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="InvalidOperationException">The trial is finished.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetTrialSystemAttr(int trialId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        UpdateTrial(trialId, ops.SetTrialAttr(system: true, trialId, key, value));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Optuna's journal has no heartbeat operation: the heartbeat is the trial system attribute
    /// <c>attune:heartbeat</c> (<see cref="HeartbeatKey"/>), the UTC time of the <see cref="JournalStorageOptions.TimeProvider"/>
    /// in ISO 8601, which Optuna reads as an ordinary system attribute and otherwise ignores. Workers sharing a
    /// journal compare their clocks with it, so keep their clocks in sync (NTP) to well within the grace period.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void RecordHeartbeat(int trialId)
    {
        var line = ops.SetTrialAttr(system: true, trialId, HeartbeatKey, FormatHeartbeat(time.GetUtcNow()));
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (Known(() => model.GetTrialState(trialId)) == TrialState.Running)
            {
                Log(line, commit: false, onIgnored: null);
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public IReadOnlyList<int> GetStaleTrialIds(int studyId, TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gracePeriod, TimeSpan.Zero);
        var trials = GetAllTrials(studyId);
        var now = time.GetUtcNow();
        var stale = new List<int>();
        foreach (var trial in trials)
        {
            if (trial.State == TrialState.Running
                && trial.SystemAttrs.TryGetValue(HeartbeatKey, out var value)
                && value is string text
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var beat)
                && now - beat > gracePeriod)
            {
                stale.Add(trial.TrialId);
            }
        }

        stale.Sort();
        return stale;
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    /// <remarks>A trial this process has already read as finished is answered from the replay without reading the log:
    /// a finished trial does not change. A running trial's buffered parameters are part of the answer, still buffered.</remarks>
    public TrialRecord GetTrial(int trialId)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (model.TrialExists(trialId) && model.GetTrialState(trialId).IsFinished())
            {
                return model.GetTrial(trialId);
            }

            Sync();
            return model.GetTrial(trialId).WithParams(
                pendingParams.Where(p => p.TrialId == trialId).Select(p => (p.Name, p.Value, p.Distribution)));
        }
    }

    /// <inheritdoc/>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public IReadOnlyList<TrialRecord> GetAllTrials(int studyId)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            SyncWithPending();
            return model.GetAllTrials(studyId);
        }
    }

    /// <summary>Appends the parameters still buffered (see the class remarks), then closes the backend.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            deferredParams.Dispose();
            try
            {
                if (pending.Count > 0)
                {
                    Log(null, commit: false, onIgnored: null);
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException or ArgumentException)
            {
                JournalLog.PendingLost(logger, pending.Count, e);
            }
            finally
            {
                backend.Dispose();
            }
        }
    }

    private static string FormatHeartbeat(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Verify(bool applied, string what)
    {
        if (!applied)
        {
            throw new InvalidOperationException(
                $"The journal did not apply {what} after appending it; another program may have changed the log.");
        }
    }

    private void SetStudyAttr(bool system, int studyId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var line = ops.SetStudyAttr(system, studyId, key, value);
        Write(() =>
        {
            model.GetStudy(studyId);
            Append(line, commit: true);
            return true;
        });
    }

    private void UpdateTrial(int trialId, byte[] line)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            Known(() => model.CheckUpdatable(trialId));
            Log(line, commit: false, ignored =>
            {
                model.CheckUpdatable(trialId);
                Verify(false, $"the change of trial {trialId} ({ignored})");
            });
        }
    }

    /// <summary>
    /// Runs a check against this process's replay, replaying what is new first only when the replay does not know the
    /// study or trial yet (created by another process): what the replay knows can only have moved on to a finished
    /// state, which the append's own replay reports.
    /// </summary>
    private T Known<T>(Func<T> check)
    {
        try
        {
            return check();
        }
        catch (KeyNotFoundException)
        {
            Sync();
            return check();
        }
    }

    private void Known(Action check) => Known(() =>
    {
        check();
        return true;
    });

    private T Read<T>(Func<T> read)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            Sync();
            return read();
        }
    }

    /// <summary>Runs a check-and-append under the backend's lock, on an up-to-date replay.</summary>
    private T Write<T>(Func<T> write)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return backend.RunExclusive(() =>
            {
                Sync();
                return write();
            });
        }
    }

    /// <summary>Appends one line (the caller holds the lock) and replays it, exactly as any other reader will.</summary>
    /// <param name="line">The operation.</param>
    /// <param name="commit">Whether it commits a result that must survive a machine crash (see <see cref="IJournalBackend.AppendLines"/>).</param>
    private void Append(byte[] line, bool commit)
    {
        replayer.OwnIgnoredParams.Clear();
        backend.AppendLines(WithPending(line), commit);
        ClearPending();
        Sync();
        ThrowIfParamsIgnored();
    }

    /// <summary>
    /// Appends the buffered parameters and <paramref name="line"/> (when given) without the check-then-append cycle,
    /// and replays through them; the caller holds <see cref="gate"/>.
    /// </summary>
    /// <param name="line">The operation, or <see langword="null"/> to append only the buffered parameters.</param>
    /// <param name="commit">Whether it commits a result (see <see cref="IJournalBackend.AppendLines"/>).</param>
    /// <param name="onIgnored">Called with the reason when the replay ignored <paramref name="line"/> (something another
    /// process appended first made it moot); it throws what the operation reports then.</param>
    /// <exception cref="ArgumentException">A buffered parameter was ignored by the replay (another process gave its
    /// name an incompatible distribution first).</exception>
    private void Log(byte[]? line, bool commit, Action<string>? onIgnored)
    {
        replayer.OwnIgnoredParams.Clear();
        var read = backend.AppendAndRead(line is null ? [.. pending] : WithPending(line), commit, position);
        ClearPending();
        if (!Replay(read))
        {
            Sync();
        }

        if (line is not null && replayer.LastOwnIgnored is { } reason)
        {
            onIgnored?.Invoke(reason);
        }

        ThrowIfParamsIgnored();
    }

    private void ThrowIfParamsIgnored()
    {
        if (replayer.OwnIgnoredParams.Count > 0)
        {
            throw new ArgumentException(
                $"The journal did not record parameter(s) suggested in this process: {string.Join(" ", replayer.OwnIgnoredParams)}");
        }
    }

    private IReadOnlyList<ReadOnlyMemory<byte>> WithPending(byte[] line) => pending.Count == 0 ? [line] : [.. pending, line];

    private void ClearPending()
    {
        pending.Clear();
        pendingParams.Clear();
    }

    /// <summary>Appends the buffered parameters when their delay ends (a timer thread); a failure is logged, and they
    /// stay buffered for the next line.</summary>
    private void AppendDeferredParams()
    {
        lock (gate)
        {
            if (disposed || pending.Count == 0)
            {
                return;
            }

            try
            {
                Log(null, commit: false, onIgnored: null);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException or ArgumentException)
            {
                JournalLog.DeferredParamsFailed(logger, e);
            }
        }
    }

    /// <summary>Replays what is new, after appending buffered parameters: what a read of trials needs.</summary>
    private void SyncWithPending()
    {
        if (pending.Count > 0)
        {
            Log(null, commit: false, onIgnored: null);
        }
        else
        {
            Sync();
        }
    }

    /// <summary>Replays every line appended since the last read.</summary>
    private void Sync()
    {
        while (!Replay(backend.ReadLines(position)))
        {
        }
    }

    /// <summary>Applies a read's lines; returns whether the log was read to its end.</summary>
    private bool Replay(JournalReadResult read)
    {
        var lines = read.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            replayer.Apply(lines[i].Span, i, position);
        }

        position = read.NextPosition;
        return read.AtEnd || lines.Count == 0;
    }
}
