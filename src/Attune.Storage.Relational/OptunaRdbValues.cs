namespace Attune.Storage.Relational;

/// <summary>
/// How Optuna's RDB schema spells enum values (SQLAlchemy stores enum member names) and how it stores values that are
/// not finite (a NULL value with a type column).
/// </summary>
internal static class OptunaRdbValues
{
    /// <summary>Optuna's schema version (<c>version_info.schema_version</c>) of the tables Attune creates: Optuna 3.0 and later.</summary>
    public const int SchemaVersion = 12;

    /// <summary>The alembic revision Attune stamps on a schema it creates: the head of Optuna 3.1, which reads it as its own.</summary>
    public const string AlembicRevision = "v3.0.0.d";

    /// <summary>
    /// The alembic revisions whose tables Attune reads and writes: v3.0.0.d (Optuna 3.0–3.1); v3.2.0.a (Optuna 3.2–3.3,
    /// adds an index); v3.4.0.a (Optuna 3.4 and later, adds <c>trial_intermediate_values.intermediate_value_index</c>
    /// with a default that Attune's inserts rely on).
    /// </summary>
    public static readonly IReadOnlyList<string> KnownRevisions = ["v3.0.0.d", "v3.2.0.a", "v3.4.0.a"];

    public static string State(TrialState state) => state switch
    {
        TrialState.Running => "RUNNING",
        TrialState.Complete => "COMPLETE",
        TrialState.Pruned => "PRUNED",
        TrialState.Fail => "FAIL",
        TrialState.Waiting => "WAITING",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a trial state."),
    };

    public static TrialState ParseState(string text) => text.Trim() switch
    {
        "RUNNING" => TrialState.Running,
        "COMPLETE" => TrialState.Complete,
        "PRUNED" => TrialState.Pruned,
        "FAIL" => TrialState.Fail,
        "WAITING" => TrialState.Waiting,
        _ => throw new FormatException($"'{text}' is not one of Optuna's trial states."),
    };

    public static string Direction(StudyDirection direction) => direction switch
    {
        StudyDirection.Minimize => "MINIMIZE",
        StudyDirection.Maximize => "MAXIMIZE",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a study direction."),
    };

    /// <summary>Optuna's NOT_SET (a study created without a direction by old Optuna versions) reads as minimize, as Optuna optimizes it.</summary>
    public static StudyDirection ParseDirection(string text) => text.Trim() switch
    {
        "MAXIMIZE" => StudyDirection.Maximize,
        "MINIMIZE" or "NOT_SET" => StudyDirection.Minimize,
        _ => throw new FormatException($"'{text}' is not one of Optuna's study directions."),
    };

    /// <summary>A value's stored form: a finite number, or NULL with INF_POS / INF_NEG / NAN.</summary>
    public static (object? Value, string Type) Store(double value) => value switch
    {
        double.PositiveInfinity => (null, "INF_POS"),
        double.NegativeInfinity => (null, "INF_NEG"),
        _ when double.IsNaN(value) => (null, "NAN"),
        _ => (value, "FINITE"),
    };

    public static double Load(double? value, string type) => type.Trim() switch
    {
        "FINITE" => value ?? throw new FormatException("A FINITE value is NULL."),
        "INF_POS" => double.PositiveInfinity,
        "INF_NEG" => double.NegativeInfinity,
        "NAN" => double.NaN,
        _ => throw new FormatException($"'{type}' is not one of Optuna's value types."),
    };
}
