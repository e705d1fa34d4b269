using System.Data.Common;
using System.Globalization;
using System.Text;
using Attune.Storage.Journal;

namespace Attune.Storage.Relational;

/// <summary>
/// Reads whole trials (row, parameters, values, intermediate values, attributes) that match one condition on the
/// <c>trials</c> table aliased <c>t</c>, with one query per table: the cost is per trial read, not per trial in the study.
/// </summary>
internal sealed class TrialLoader(SqlDialect dialect, TimeZoneInfo zone)
{
    private const int MaxListedIds = 500;

    private readonly Dictionary<string, Distribution> distributions = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Reads the matching trials; the caller runs this in a snapshot transaction.</summary>
    /// <param name="session">The session.</param>
    /// <param name="condition">A condition on <c>t</c>, e.g. <c>t.trial_id = @id</c>.</param>
    /// <param name="parameters">The condition's parameters.</param>
    /// <returns>The trials with their study ids, by trial id.</returns>
    public Dictionary<int, (int StudyId, TrialRecord Trial)> Load(SqlSession session, string condition, params (string Name, object? Value)[] parameters) =>
        Load(session, [(condition, parameters)]);

    /// <summary>Reads the trials that match any of <paramref name="conditions"/> in two round trips (rows, then children).</summary>
    /// <param name="session">The session.</param>
    /// <param name="conditions">Conditions on <c>t</c>; a parameter name used by several has the same value in each.</param>
    /// <returns>The trials with their study ids, by trial id.</returns>
    public Dictionary<int, (int StudyId, TrialRecord Trial)> Load(SqlSession session, IReadOnlyList<(string Condition, (string Name, object? Value)[] Parameters)> conditions)
    {
        var builders = new Dictionary<int, Builder>();
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (_, list) in conditions)
        {
            foreach (var (name, value) in list)
            {
                merged[name] = value;
            }
        }

        var parameters = merged.Select(p => (p.Key, p.Value)).ToArray();
        using (var reader = session.Query(string.Join(";\n", conditions.Select(c => TrialsSql(c.Condition))), parameters))
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                if (i > 0)
                {
                    reader.NextResult();
                }

                ReadTrials(reader, builders);
            }
        }

        var condition = string.Join(" OR ", conditions.Select(c => "(" + c.Condition + ")"));

        if (builders.Count == 0)
        {
            return [];
        }

        // Children by an explicit id list (index lookups, whatever the planner knows of the tables); a large first
        // load of a study reads them by the same condition instead.
        (string Sql, (string, object?)[] Parameters) filter;
        if (builders.Count <= MaxListedIds)
        {
            var names = new StringBuilder();
            var listed = new (string, object?)[builders.Count];
            var i = 0;
            foreach (var id in builders.Keys)
            {
                var name = "@i" + i.ToString(CultureInfo.InvariantCulture);
                names.Append(i == 0 ? name : "," + name);
                listed[i++] = (name, id);
            }

            filter = ($"IN ({names})", listed);
        }
        else
        {
            filter = ($"IN (SELECT t.trial_id FROM trials t WHERE {condition})", parameters);
        }

        using (var reader = session.Query(ChildrenSql(filter.Sql), filter.Parameters))
        {
            ReadChildren(reader, builders);
        }

        return Build(builders);
    }

    /// <summary>Reads one trial in one round trip (a batch of six queries).</summary>
    /// <param name="session">The session.</param>
    /// <param name="trialId">The trial.</param>
    /// <returns>The trial with its study id, or <see langword="null"/> when there is none.</returns>
    public (int StudyId, TrialRecord Trial)? LoadOne(SqlSession session, int trialId)
    {
        var builders = new Dictionary<int, Builder>(1);
        using var reader = session.Query(TrialsSql("t.trial_id = @trial") + ";\n" + ChildrenSql("= @trial"), ("@trial", trialId));
        ReadTrials(reader, builders);
        if (builders.Count == 0)
        {
            return null;
        }

        reader.NextResult();
        ReadChildren(reader, builders);
        return Build(builders)[trialId];
    }

    public static object? ParseJson(string json) => PythonJsonReader.Parse(Encoding.UTF8.GetBytes(json));

    private static Dictionary<int, (int, TrialRecord)> Build(Dictionary<int, Builder> builders)
    {
        var result = new Dictionary<int, (int, TrialRecord)>(builders.Count);
        foreach (var (id, b) in builders)
        {
            result[id] = (b.StudyId, b.Build(id));
        }

        return result;
    }

    private string TrialsSql(string condition) =>
        $"SELECT t.trial_id, t.study_id, t.number, {dialect.EnumText("t.state")}, t.datetime_start, t.datetime_complete FROM trials t WHERE {condition}";

    /// <summary>Five queries, one per child table, for the trials whose id matches <paramref name="filter"/> (e.g. <c>IN (@i0,@i1)</c>).</summary>
    private string ChildrenSql(string filter) => string.Join(
        ";\n",
        $"SELECT p.trial_id, p.param_name, p.param_value, p.distribution_json FROM trial_params p WHERE p.trial_id {filter}",
        $"SELECT v.trial_id, v.objective, v.value, {dialect.EnumText("v.value_type")} FROM trial_values v WHERE v.trial_id {filter}",
        $"SELECT i.trial_id, i.step, i.intermediate_value, {dialect.EnumText("i.intermediate_value_type")} FROM trial_intermediate_values i WHERE i.trial_id {filter}",
        $"SELECT a.trial_id, a.{dialect.Quote("key")}, a.value_json FROM trial_user_attributes a WHERE a.trial_id {filter}",
        $"SELECT a.trial_id, a.{dialect.Quote("key")}, a.value_json FROM trial_system_attributes a WHERE a.trial_id {filter}");

    private void ReadTrials(DbDataReader reader, Dictionary<int, Builder> builders)
    {
        while (reader.Read())
        {
            builders[reader.GetInt32(0)] = new Builder
            {
                StudyId = reader.GetInt32(1),
                Number = reader.IsDBNull(2) ? -1 : reader.GetInt32(2),
                State = OptunaRdbValues.ParseState(reader.GetString(3)),
                StartedAt = Local(dialect.ReadDateTime(reader, 4)),
                CompletedAt = Local(dialect.ReadDateTime(reader, 5)),
            };
        }
    }

    /// <summary>Reads the five result sets of <see cref="ChildrenSql"/>.</summary>
    private void ReadChildren(DbDataReader reader, Dictionary<int, Builder> builders)
    {
        while (reader.Read())
        {
            if (builders.TryGetValue(reader.GetInt32(0), out var b))
            {
                var name = reader.GetString(1);
                b.InternalParams[name] = reader.GetDouble(2);
                b.Distributions[name] = Distribution(reader.GetString(3));
            }
        }

        reader.NextResult();
        while (reader.Read())
        {
            if (builders.TryGetValue(reader.GetInt32(0), out var b))
            {
                b.Values[reader.GetInt32(1)] = OptunaRdbValues.Load(reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.GetString(3));
            }
        }

        reader.NextResult();
        while (reader.Read())
        {
            if (builders.TryGetValue(reader.GetInt32(0), out var b))
            {
                b.Intermediate[reader.GetInt64(1)] = OptunaRdbValues.Load(reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.GetString(3));
            }
        }

        for (var system = 0; system < 2; system++)
        {
            reader.NextResult();
            while (reader.Read())
            {
                if (builders.TryGetValue(reader.GetInt32(0), out var b) && !reader.IsDBNull(1))
                {
                    var value = reader.IsDBNull(2) ? null : ParseJson(reader.GetString(2));
                    (system == 1 ? b.SystemAttrs : b.UserAttrs)[reader.GetString(1)] = value;
                }
            }
        }
    }

    private DateTimeOffset? Local(DateTime? naive) =>
        naive is { } n ? new DateTimeOffset(n, zone.GetUtcOffset(n)) : null;

    private Distribution Distribution(string json)
    {
        lock (gate)
        {
            if (!distributions.TryGetValue(json, out var distribution))
            {
                if (distributions.Count > 4096)
                {
                    distributions.Clear();
                }

                distribution = OptunaDistributionJson.Parse(json);
                distributions[json] = distribution;
            }

            return distribution;
        }
    }

    private sealed class Builder
    {
        public int StudyId { get; init; }

        public int Number { get; init; }

        public TrialState State { get; init; }

        public DateTimeOffset? StartedAt { get; init; }

        public DateTimeOffset? CompletedAt { get; init; }

        public Dictionary<string, double> InternalParams { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Distribution> Distributions { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<int, double> Values { get; } = [];

        public SortedDictionary<long, double> Intermediate { get; } = [];

        public Dictionary<string, object?> UserAttrs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, object?> SystemAttrs { get; } = new(StringComparer.Ordinal);

        public TrialRecord Build(int id)
        {
            var external = new Dictionary<string, object?>(InternalParams.Count, StringComparer.Ordinal);
            foreach (var (name, value) in InternalParams)
            {
                external[name] = Distributions[name].ToExternal(value);
            }

            return new TrialRecord
            {
                TrialId = id,
                Number = Number,
                State = State,
                Values = Values.Count == 0 ? null : [.. Values.Values],
                Params = external,
                InternalParams = InternalParams,
                Distributions = Distributions,
                IntermediateValues = Intermediate,
                UserAttrs = UserAttrs,
                SystemAttrs = SystemAttrs,
                StartedAt = StartedAt,
                CompletedAt = CompletedAt,
            };
        }
    }
}
