using Attune.Pruners;
using Attune.Samplers;
using Attune.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune;

/// <summary>
/// An optimization task: a set of trials in a storage, a sampler that proposes parameters and a
/// pruner that stops unpromising trials. Create one with <see cref="Create(StudyOptions?)"/>, run it
/// with <see cref="Optimize(Func{Trial, double}, OptimizeOptions?)"/> or drive it with
/// <see cref="Ask()"/> and <see cref="Tell(Trial, double)"/>. Thread-safe. Dispose a study opened
/// from a storage URL to release the storage (file handles, connections); a storage passed as an
/// object stays open.
/// </summary>
public sealed partial class Study : IDisposable
{
    private readonly int studyId;
    private volatile bool stopRequested;
    private bool ownsStorage;

    private Study(IStorage storage, int studyId, StudyInfo info, Sampler? sampler, Pruner? pruner, ILoggerFactory? loggerFactory, TimeProvider? timeProvider)
    {
        StorageBackend = storage;
        this.studyId = studyId;
        Name = info.Name;
        Directions = info.Directions;
        Sampler = sampler ?? new AutoSampler();
        Pruner = pruner ?? new MedianPruner();
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Attune.Study");
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The study's name, unique within its storage.</summary>
    public string Name { get; }

    /// <summary>One direction per objective.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; }

    /// <summary>The direction of a single-objective study.</summary>
    /// <exception cref="InvalidOperationException">The study has several objectives; use <see cref="Directions"/>.</exception>
    public StudyDirection Direction => Directions.Count == 1
        ? Directions[0]
        : throw new InvalidOperationException($"Study '{Name}' has {Directions.Count} objectives; use Directions.");

    /// <summary>The sampler.</summary>
    public Sampler Sampler { get; }

    /// <summary>The pruner.</summary>
    public Pruner Pruner { get; }

    /// <summary>The storage the study lives in.</summary>
    public IStorage StorageBackend { get; }

    /// <summary>The study's identifier in its storage.</summary>
    public int StudyId => studyId;

    /// <summary>Every trial of the study, in number order (a snapshot).</summary>
    public IReadOnlyList<TrialRecord> Trials => StorageBackend.GetAllTrials(studyId);

    /// <summary>The study's user attributes.</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs => StorageBackend.GetStudy(studyId).UserAttrs;

    /// <summary>The study's system attributes.</summary>
    public IReadOnlyDictionary<string, object?> SystemAttrs => StorageBackend.GetStudy(studyId).SystemAttrs;

    /// <summary>Whether <see cref="Stop"/> was called during the current optimization run.</summary>
    public bool IsStopRequested => stopRequested;

    internal ILogger Logger { get; }

    internal TimeProvider Time { get; }

    /// <summary>Creates a study, or loads it when <see cref="StudyOptions.LoadIfExists"/> is set and it exists.</summary>
    /// <param name="options">The options; default: an unnamed single-objective minimization study in memory.</param>
    /// <returns>The study.</returns>
    /// <exception cref="DuplicateStudyException">A study with the name exists and <see cref="StudyOptions.LoadIfExists"/> is not set.</exception>
    /// <exception cref="ArgumentException">The storage URL, the directions or the heartbeat settings are invalid.</exception>
    /// <exception cref="InvalidOperationException">The study exists with other directions.</exception>
    /// <exception cref="StudyNotFoundException">A study named in <see cref="StudyOptions.WarmStartFrom"/> does not exist.</exception>
    public static Study Create(StudyOptions? options = null)
    {
        options ??= new StudyOptions();
        var directions = options.Directions ?? [options.Direction];
        if (directions.Count == 0)
        {
            throw new ArgumentException("Directions must hold at least one direction.", nameof(options));
        }

        foreach (var direction in directions)
        {
            if (!Enum.IsDefined(direction))
            {
                throw new ArgumentException($"{(int)direction} is not a study direction; use Minimize or Maximize.", nameof(options));
            }
        }

        var name = options.Name ?? $"no-name-{Guid.NewGuid()}";
        if (name.Length == 0)
        {
            throw new ArgumentException("A study name must not be empty.", nameof(options));
        }

        var grace = CheckHeartbeatOptions(options);
        var warmStart = ReadWarmStart(options.WarmStartFrom, directions);
        var owns = options.StorageInstance is null;
        var storage = OpenStorage(options.StorageInstance, options.Storage, options.TimeProvider, options.LoggerFactory);
        try
        {
            int id;
            try
            {
                id = storage.CreateStudy(name, directions);
            }
            catch (DuplicateStudyException) when (options.LoadIfExists)
            {
                id = storage.FindStudy(name) ?? throw StudyNotFoundException.ForName(name);
                var existing = storage.GetStudy(id).Directions;
                if (!existing.SequenceEqual(directions) && options.Directions is not null)
                {
                    throw new InvalidOperationException(
                        $"Study '{name}' exists with directions [{string.Join(", ", existing)}], not [{string.Join(", ", directions)}].");
                }
            }

            return new Study(storage, id, storage.GetStudy(id), options.Sampler, options.Pruner, options.LoggerFactory, options.TimeProvider)
            {
                ownsStorage = owns,
                HeartbeatInterval = options.HeartbeatInterval,
                GracePeriod = grace,
                FailedTrialCallback = options.FailedTrialCallback,
                WarmStartTrials = warmStart,
            };
        }
        catch when (owns)
        {
            storage.Dispose();
            throw;
        }
    }

    /// <summary>Loads an existing study.</summary>
    /// <param name="name">The study's name.</param>
    /// <param name="storage">The storage URL.</param>
    /// <param name="sampler">The sampler; default an <see cref="AutoSampler"/> with its defaults.</param>
    /// <param name="pruner">The pruner; default a <see cref="MedianPruner"/>.</param>
    /// <returns>The study.</returns>
    /// <exception cref="StudyNotFoundException">No study has that name.</exception>
    public static Study Load(string name, string storage, Sampler? sampler = null, Pruner? pruner = null)
    {
        var opened = StorageUrl.Open(storage);
        try
        {
            var study = Load(name, opened, sampler, pruner);
            study.ownsStorage = true;
            return study;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    /// <summary>Loads an existing study from a storage object.</summary>
    /// <param name="name">The study's name.</param>
    /// <param name="storage">The storage.</param>
    /// <param name="sampler">The sampler; default an <see cref="AutoSampler"/> with its defaults.</param>
    /// <param name="pruner">The pruner; default a <see cref="MedianPruner"/>.</param>
    /// <param name="loggerFactory">Where the study logs; default nowhere.</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <returns>The study.</returns>
    /// <exception cref="StudyNotFoundException">No study has that name.</exception>
    public static Study Load(string name, IStorage storage, Sampler? sampler = null, Pruner? pruner = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(storage);
        var id = storage.FindStudy(name) ?? throw StudyNotFoundException.ForName(name);
        return new Study(storage, id, storage.GetStudy(id), sampler, pruner, loggerFactory, timeProvider);
    }

    /// <summary>Deletes a study and all its trials.</summary>
    /// <param name="name">The study's name.</param>
    /// <param name="storage">The storage URL.</param>
    /// <exception cref="StudyNotFoundException">No study has that name.</exception>
    public static void Delete(string name, string storage)
    {
        using var opened = StorageUrl.Open(storage);
        Delete(name, opened);
    }

    /// <summary>Deletes a study and all its trials.</summary>
    /// <param name="name">The study's name.</param>
    /// <param name="storage">The storage.</param>
    /// <exception cref="StudyNotFoundException">No study has that name.</exception>
    public static void Delete(string name, IStorage storage)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(storage);
        storage.DeleteStudy(storage.FindStudy(name) ?? throw StudyNotFoundException.ForName(name));
    }

    /// <summary>Lists the studies in a storage.</summary>
    /// <param name="storage">The storage URL.</param>
    /// <returns>One summary per study, in order of creation.</returns>
    public static IReadOnlyList<StudySummary> ListStudies(string storage)
    {
        using var opened = StorageUrl.Open(storage);
        return ListStudies(opened);
    }

    /// <summary>Lists the studies in a storage.</summary>
    /// <param name="storage">The storage.</param>
    /// <returns>One summary per study, in order of creation.</returns>
    public static IReadOnlyList<StudySummary> ListStudies(IStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var summaries = new List<StudySummary>();
        foreach (var info in storage.GetAllStudies())
        {
            var trials = storage.GetAllTrials(info.StudyId);
            DateTimeOffset? started = null;
            foreach (var trial in trials)
            {
                if (trial.StartedAt is { } s && (started is null || s < started))
                {
                    started = s;
                }
            }

            var best = info.Directions.Count == 1 ? FindBest(trials, info.Directions[0]) : null;
            summaries.Add(new StudySummary(info.Name, info.Directions, trials.Count, best, started, info.UserAttrs, info.SystemAttrs));
        }

        return summaries;
    }

    /// <summary>Copies a study, with its attributes and all its trials, to another storage.</summary>
    /// <param name="fromName">The source study's name.</param>
    /// <param name="fromStorage">The source storage URL.</param>
    /// <param name="toStorage">The target storage URL.</param>
    /// <param name="toName">The copy's name; default the source's name.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="StudyNotFoundException">The source does not exist.</exception>
    /// <exception cref="DuplicateStudyException">The target already has a study with that name.</exception>
    public static Study Copy(string fromName, string fromStorage, string toStorage, string? toName = null)
    {
        using var source = StorageUrl.Open(fromStorage);
        var target = StorageUrl.Open(toStorage);
        try
        {
            var copy = Copy(fromName, source, target, toName);
            copy.ownsStorage = true;
            return copy;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>Copies a study, with its attributes and all its trials, to another storage.</summary>
    /// <param name="fromName">The source study's name.</param>
    /// <param name="fromStorage">The source storage.</param>
    /// <param name="toStorage">The target storage.</param>
    /// <param name="toName">The copy's name; default the source's name.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="StudyNotFoundException">The source does not exist.</exception>
    /// <exception cref="DuplicateStudyException">The target already has a study with that name.</exception>
    public static Study Copy(string fromName, IStorage fromStorage, IStorage toStorage, string? toName = null)
    {
        ArgumentNullException.ThrowIfNull(fromName);
        ArgumentNullException.ThrowIfNull(fromStorage);
        ArgumentNullException.ThrowIfNull(toStorage);
        var sourceId = fromStorage.FindStudy(fromName) ?? throw StudyNotFoundException.ForName(fromName);
        var source = fromStorage.GetStudy(sourceId);
        var name = toName ?? fromName;
        var targetId = toStorage.CreateStudy(name, source.Directions);
        foreach (var (key, value) in source.UserAttrs)
        {
            toStorage.SetStudyUserAttr(targetId, key, value);
        }

        foreach (var (key, value) in source.SystemAttrs)
        {
            toStorage.SetStudySystemAttr(targetId, key, value);
        }

        foreach (var trial in fromStorage.GetAllTrials(sourceId))
        {
            toStorage.CreateTrial(targetId, trial);
        }

        return new Study(toStorage, targetId, toStorage.GetStudy(targetId), null, null, null, null);
    }

    /// <summary>Trials in the given states (all trials when none are given), in number order.</summary>
    /// <param name="states">The states to keep.</param>
    /// <returns>The trials.</returns>
    public IReadOnlyList<TrialRecord> GetTrials(params TrialState[] states)
    {
        var all = Trials;
        if (states is null || states.Length == 0)
        {
            return all;
        }

        var result = new List<TrialRecord>();
        foreach (var trial in all)
        {
            if (Array.IndexOf(states, trial.State) >= 0)
            {
                result.Add(trial);
            }
        }

        return result;
    }

    /// <summary>Sets a user attribute of the study.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">A JSON-like value (see <see cref="AttributeValue"/>).</param>
    /// <exception cref="ArgumentException">The value has no JSON form.</exception>
    public void SetUserAttr(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        StorageBackend.SetStudyUserAttr(studyId, key, AttributeValue.Normalize(value, key));
    }

    /// <summary>Sets a system attribute of the study (for samplers and integrations).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">A JSON-like value (see <see cref="AttributeValue"/>).</param>
    /// <exception cref="ArgumentException">The value has no JSON form.</exception>
    public void SetSystemAttr(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        StorageBackend.SetStudySystemAttr(studyId, key, AttributeValue.Normalize(value, key));
    }

    /// <summary>
    /// Sets a system attribute of one of the study's trials for a pruner, which sees trials as records:
    /// through the running <see cref="Trial"/> when this process runs it (so that its cached attributes
    /// stay current), else in storage.
    /// </summary>
    internal void SetTrialSystemAttr(TrialRecord trial, string key, object? value)
    {
        if (activeTrials.TryGetValue(trial.Number, out var running) && running.TrialId == trial.TrialId)
        {
            running.SetSystemAttr(key, value);
        }
        else
        {
            StorageBackend.SetTrialSystemAttr(trial.TrialId, key, AttributeValue.Normalize(value, key));
        }
    }

    /// <summary>Releases the storage when the study opened it from a URL; a storage passed as an object is left open.</summary>
    public void Dispose()
    {
        if (ownsStorage)
        {
            ownsStorage = false;
            StorageBackend.Dispose();
        }
    }

    /// <summary>
    /// Asks the running <see cref="Optimize(Func{Trial, double}, OptimizeOptions?)"/> to start no new
    /// trials; trials already running finish. Call it from an objective or a callback.
    /// </summary>
    public void Stop() => stopRequested = true;

    private static IStorage OpenStorage(IStorage? instance, string? url, TimeProvider? time, ILoggerFactory? logs) =>
        instance ?? StorageUrl.Open(url ?? "memory:", time, logs);
}
