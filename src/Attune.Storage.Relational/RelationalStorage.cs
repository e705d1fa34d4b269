using System.Collections.Concurrent;
using System.Globalization;
using Attune.Storage.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.Storage.Relational;

/// <summary>
/// Keeps studies in a relational database with Optuna's RDB schema, through plain parameterized SQL over ADO.NET and a
/// <see cref="SqlDialect"/> per database (packages Attune.Storage.Sqlite, .Postgres and .MySql). Many processes on many
/// machines can share one database; Optuna 3.x processes too.
/// </summary>
/// <remarks>
/// <para>Creates the schema when the database has none (schema version 12, alembic revision v3.0.0.d, which Optuna 3.0
/// and 3.1 read as their own and later Optuna versions upgrade with <c>optuna storage upgrade</c>), and reads and
/// writes schemas of Optuna 3.0 to 4.x (revisions v3.0.0.d, v3.2.0.a and v3.4.0.a).</para>
/// <para>Each operation is one transaction. Creating a trial locks the study's row (as Optuna does), so trial numbers
/// are given out once; starting a waiting trial locks its row and skips rows others hold (SQLite: <c>BEGIN
/// IMMEDIATE</c>), so each enqueued trial runs once. Transient errors are retried (see
/// <see cref="RelationalStorageOptions.RetryTimeout"/>). Reads of a study's trials go through a per-study cache that
/// fetches only trials that are new or were unfinished at the last read. Thread-safe.</para>
/// </remarks>
public sealed partial class RelationalStorage : IStorage
{
    private static readonly string[] TrialTables =
        ["trial_heartbeats", "trial_params", "trial_values", "trial_intermediate_values", "trial_user_attributes", "trial_system_attributes"];

    private static readonly string[] StudyTables = ["trials", "study_directions", "study_user_attributes", "study_system_attributes", "studies"];

    private readonly SqlDialect dialect;
    private readonly SqlExecutor executor;
    private readonly TrialLoader loader;
    private readonly TimeProvider time;
    private readonly TimeZoneInfo zone;
    private readonly ConcurrentDictionary<int, StudyTrialCache> caches = new();
    private readonly ConcurrentDictionary<(int StudyId, string Name), Distribution> paramDistributions = new();
    private readonly ConcurrentDictionary<int, int> runningHere = new();
    private readonly PendingParams pending = new();
    private readonly DeferredWrite deferredParams;
    private readonly bool writeParamsAtOnce;
    private readonly Lock[] trialWriteLocks = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];
    private readonly ILogger logger;
    private int disposed;

    /// <summary>Opens the database, creating Optuna's schema when it has none.</summary>
    /// <param name="dialect">The database; the storage owns it and disposes it.</param>
    /// <param name="options">Clock, logging and retries; default <see cref="RelationalStorageOptions"/>'s defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dialect"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="RelationalStorageOptions.RetryTimeout"/> is negative, or
    /// <see cref="RelationalStorageOptions.ParameterWriteDelay"/> is negative and not infinite.</exception>
    /// <exception cref="InvalidOperationException">The database holds a schema Attune does not read.</exception>
    /// <exception cref="TimeoutException">The database could not be reached within <see cref="RelationalStorageOptions.RetryTimeout"/>.</exception>
    public RelationalStorage(SqlDialect dialect, RelationalStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        options ??= new RelationalStorageOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryTimeout, TimeSpan.Zero, nameof(options));
        DeferredWrite.Validate(options.ParameterWriteDelay, nameof(options.ParameterWriteDelay));
        this.dialect = dialect;
        time = options.TimeProvider ?? TimeProvider.System;
        writeParamsAtOnce = options.ParameterWriteDelay == TimeSpan.Zero;
        deferredParams = new DeferredWrite(time, options.ParameterWriteDelay, WriteDeferredParams);
        zone = time.LocalTimeZone;
        logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RelationalStorage>();
        executor = new SqlExecutor(dialect, options.RetryTimeout, logger);
        loader = new TrialLoader(dialect, zone);
        RelationalSchema.Ensure(executor, dialect, logger);
    }

    /// <summary>
    /// Opens a storage on <paramref name="dialect"/> as <see cref="RelationalStorage(SqlDialect, RelationalStorageOptions?)"/>
    /// does, and turns errors that retrying cannot fix (a wrong password, a missing database) into an
    /// <see cref="InvalidOperationException"/> that names the database. Disposes the dialect when it fails.
    /// </summary>
    /// <param name="dialect">The database; the storage owns it.</param>
    /// <param name="options">Clock, logging and retries; default <see cref="RelationalStorageOptions"/>'s defaults.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="InvalidOperationException">The database refused the connection or holds a schema Attune does not read.</exception>
    /// <exception cref="TimeoutException">The database could not be reached within <see cref="RelationalStorageOptions.RetryTimeout"/>.</exception>
    public static RelationalStorage Open(SqlDialect dialect, RelationalStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        try
        {
            return new RelationalStorage(dialect, options);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or System.Net.Sockets.SocketException)
        {
            dialect.Dispose();
            throw new InvalidOperationException($"Cannot open the storage {dialect.DisplayName}: {e.Message}", e);
        }
        catch
        {
            dialect.Dispose();
            throw;
        }
    }

    /// <summary>The database, for messages (without password).</summary>
    public string DisplayName => dialect.DisplayName;

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
            OptunaRdbValues.Direction(direction);
        }

        ThrowIfDisposed();
        try
        {
            return executor.Write(
                session =>
                {
                    if (FindStudy(session, name) is not null)
                    {
                        throw DuplicateStudyException.For(name);
                    }

                    var id = (int)session.Insert("INSERT INTO studies (study_name) VALUES (@name)", "study_id", ("@name", name));
                    for (var i = 0; i < directions.Count; i++)
                    {
                        session.Execute(
                            $"INSERT INTO study_directions (direction, study_id, objective) VALUES ({dialect.EnumValue("@direction", "studydirection")}, @study, @objective)",
                            ("@direction", OptunaRdbValues.Direction(directions[i])),
                            ("@study", id),
                            ("@objective", i));
                    }

                    return id;
                },
                (session, id) => FindStudy(session, name) == id);
        }
        catch (Exception e) when (dialect.IsUniqueViolation(e))
        {
            throw DuplicateStudyException.For(name);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void DeleteStudy(int studyId)
    {
        ThrowIfDisposed();
        executor.Write(session =>
        {
            EnsureStudy(session, studyId, forUpdate: true);
            const string Trials = "trial_id IN (SELECT trial_id FROM trials WHERE study_id = @study)";
            foreach (var table in TrialTables)
            {
                session.Execute($"DELETE FROM {table} WHERE {Trials}", ("@study", studyId));
            }

            foreach (var table in StudyTables)
            {
                session.Execute($"DELETE FROM {table} WHERE study_id = @study", ("@study", studyId));
            }

            return true;
        });
        caches.TryRemove(studyId, out _);
        foreach (var key in paramDistributions.Keys)
        {
            if (key.StudyId == studyId)
            {
                paramDistributions.TryRemove(key, out _);
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public int? FindStudy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfDisposed();
        return executor.Read(session => FindStudy(session, name), snapshot: false);
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public StudyInfo GetStudy(int studyId)
    {
        ThrowIfDisposed();
        var studies = executor.Read(session => ReadStudies(session, studyId));
        return studies.Count == 1 ? studies[0] : throw StudyNotFoundException.ForId(studyId);
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public IReadOnlyList<StudyInfo> GetAllStudies()
    {
        ThrowIfDisposed();
        return executor.Read(session => ReadStudies(session, null));
    }

    /// <inheritdoc/>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetStudyUserAttr(int studyId, string key, object? value) => SetStudyAttr("study_user_attributes", studyId, key, value);

    /// <inheritdoc/>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetStudySystemAttr(int studyId, string key, object? value) => SetStudyAttr("study_system_attributes", studyId, key, value);

    /// <summary>Closes the database connections.</summary>
    public void Dispose()
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            return;
        }

        deferredParams.Dispose();
        foreach (var trialId in pending.Trials(null))
        {
            try
            {
                WritePending(trialId);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or KeyNotFoundException or TimeoutException or IOException)
            {
                RelationalLog.PendingLost(logger, dialect.DisplayName, trialId, e);
            }
        }

        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            dialect.Dispose();
        }
    }

    private static string Json(object? value)
    {
        var writer = new PythonJsonWriter();
        writer.Value(value);
        return writer.ToString();
    }

    private static int? FindStudy(SqlSession session, string name) =>
        session.Scalar("SELECT study_id FROM studies WHERE study_name = @name", ("@name", name)) is { } id
            ? Convert.ToInt32(id, CultureInfo.InvariantCulture)
            : null;

    private void EnsureStudy(SqlSession session, int studyId, bool forUpdate)
    {
        if (session.Scalar($"SELECT study_id FROM studies WHERE study_id = @study{(forUpdate ? dialect.ForUpdate : string.Empty)}", ("@study", studyId)) is null)
        {
            throw StudyNotFoundException.ForId(studyId);
        }
    }

    private List<StudyInfo> ReadStudies(SqlSession session, int? onlyId)
    {
        var filter = onlyId is null ? string.Empty : " WHERE study_id = @study";
        (string, object?)[] parameters = onlyId is { } id ? [("@study", id)] : [];
        var names = new SortedDictionary<int, string>();
        using (var reader = session.Query("SELECT study_id, study_name FROM studies" + filter, parameters))
        {
            while (reader.Read())
            {
                names[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        if (names.Count == 0)
        {
            return [];
        }

        var directions = names.Keys.ToDictionary(k => k, _ => new SortedDictionary<int, StudyDirection>());
        using (var reader = session.Query($"SELECT study_id, objective, {dialect.EnumText("direction")} FROM study_directions" + filter, parameters))
        {
            while (reader.Read())
            {
                if (directions.TryGetValue(reader.GetInt32(0), out var list))
                {
                    list[reader.GetInt32(1)] = OptunaRdbValues.ParseDirection(reader.GetString(2));
                }
            }
        }

        var user = ReadStudyAttrs(session, "study_user_attributes", filter, parameters);
        var system = ReadStudyAttrs(session, "study_system_attributes", filter, parameters);
        var result = new List<StudyInfo>(names.Count);
        foreach (var (studyId, name) in names)
        {
            result.Add(new StudyInfo(
                studyId,
                name,
                [.. directions[studyId].Values],
                user.TryGetValue(studyId, out var u) ? u : new Dictionary<string, object?>(StringComparer.Ordinal),
                system.TryGetValue(studyId, out var s) ? s : new Dictionary<string, object?>(StringComparer.Ordinal)));
        }

        return result;
    }

    private Dictionary<int, Dictionary<string, object?>> ReadStudyAttrs(SqlSession session, string table, string filter, (string, object?)[] parameters)
    {
        var attrs = new Dictionary<int, Dictionary<string, object?>>();
        using var reader = session.Query($"SELECT study_id, {dialect.Quote("key")}, value_json FROM {table}" + filter, parameters);
        while (reader.Read())
        {
            if (reader.IsDBNull(0) || reader.IsDBNull(1))
            {
                continue;
            }

            var studyId = reader.GetInt32(0);
            if (!attrs.TryGetValue(studyId, out var map))
            {
                attrs[studyId] = map = new Dictionary<string, object?>(StringComparer.Ordinal);
            }

            map[reader.GetString(1)] = reader.IsDBNull(2) ? null : TrialLoader.ParseJson(reader.GetString(2));
        }

        return attrs;
    }

    private void SetStudyAttr(string table, int studyId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfDisposed();
        var json = Json(value);
        executor.Write(session =>
        {
            EnsureStudy(session, studyId, forUpdate: true);
            Upsert(session, table, "study_id", studyId, key, json);
            return true;
        });
    }

    /// <summary>Sets an attribute row: update it, or insert it when there is none.</summary>
    private void Upsert(SqlSession session, string table, string owner, int ownerId, string key, string json) =>
        session.Upsert(table, [(owner, "@owner", ownerId), (dialect.Quote("key"), "@key", key)], [("value_json", "@value", "@value", json)]);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
}
