using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Attune.Storage.Relational;

/// <summary>
/// Creates Optuna's schema when the database has none, and otherwise checks it is one Attune reads and writes (see
/// <see cref="OptunaRdbValues.KnownRevisions"/>). Also adds Attune's indexes on <c>trials</c> (see <see cref="TrialsIndexes"/>),
/// which Optuna's tools ignore.
/// </summary>
internal static class RelationalSchema
{
    /// <summary>Attune's indexes on <c>trials</c>: finding waiting trials, and new trials and the next number by number.</summary>
    public static readonly IReadOnlyList<(string Name, string Columns)> TrialsIndexes =
    [
        ("ix_attune_trials_study_id_state_trial_id", "study_id, state, trial_id"),
        ("ix_attune_trials_study_id_number", "study_id, number"),
    ];

    /// <summary>Creates the schema and Attune's indexes where missing, or checks the schema is one Attune reads.</summary>
    public static void Ensure(SqlExecutor executor, SqlDialect dialect, ILogger logger)
    {
        var created = executor.Write(session =>
        {
            if (dialect.SchemaLockSql is { } lockSql)
            {
                session.Scalar(lockSql);
            }

            try
            {
                if (TableExists(session, "version_info"))
                {
                    Check(session, dialect);
                    foreach (var (name, columns) in TrialsIndexes)
                    {
                        if (Convert.ToInt64(session.Scalar(dialect.IndexExistsSql, ("@name", name)), CultureInfo.InvariantCulture) == 0)
                        {
                            session.Execute($"CREATE INDEX {name} ON trials ({columns})");
                        }
                    }

                    return false;
                }

                foreach (var statement in dialect.CreateSchemaStatements)
                {
                    session.Execute(statement);
                }

                foreach (var (name, columns) in TrialsIndexes)
                {
                    session.Execute($"CREATE INDEX {name} ON trials ({columns})");
                }

                session.Execute(
                    "INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, @version, @library)",
                    ("@version", OptunaRdbValues.SchemaVersion),
                    ("@library", "attune " + LibraryVersion()));
                session.Execute("INSERT INTO alembic_version (version_num) VALUES (@revision)", ("@revision", OptunaRdbValues.AlembicRevision));
                return true;
            }
            finally
            {
                if (dialect.SchemaUnlockSql is { } unlockSql)
                {
                    session.Scalar(unlockSql);
                }
            }
        });
        if (created)
        {
            RelationalLog.SchemaCreated(logger, dialect.DisplayName, OptunaRdbValues.SchemaVersion, OptunaRdbValues.AlembicRevision);
        }
    }

    private static bool TableExists(SqlSession session, string name) =>
        Convert.ToInt64(session.Scalar(session.Dialect.TableExistsSql, ("@name", name)), CultureInfo.InvariantCulture) > 0;

    private static void Check(SqlSession session, SqlDialect dialect)
    {
        var schemaVersion = session.Scalar("SELECT schema_version FROM version_info WHERE version_info_id = 1");
        string? revision = null;
        if (TableExists(session, "alembic_version"))
        {
            revision = session.Scalar("SELECT version_num FROM alembic_version") as string;
        }

        if (revision is not null && OptunaRdbValues.KnownRevisions.Contains(revision))
        {
            return;
        }

        var found = revision is null
            ? $"schema version {Convert.ToString(schemaVersion, CultureInfo.InvariantCulture) ?? "unknown"} without an alembic revision"
            : $"alembic revision {revision}";
        var older = revision is not null && string.CompareOrdinal(revision, OptunaRdbValues.KnownRevisions[0]) < 0;
        throw new InvalidOperationException(
            $"{dialect.DisplayName} holds an Optuna schema at {found}, which Attune does not read; it reads revisions " +
            $"{string.Join(", ", OptunaRdbValues.KnownRevisions)}. " +
            (older
                ? "Upgrade the database with Optuna first: 'optuna storage upgrade --storage URL'."
                : "A newer Optuna wrote it; use an Attune version that knows this revision."));
    }

    private static string LibraryVersion() =>
        typeof(RelationalStorage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(RelationalStorage).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
