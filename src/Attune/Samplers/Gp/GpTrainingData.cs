namespace Attune.Samplers;

/// <summary>
/// The data a <see cref="GpSampler"/> models, gathered from a study's trials: the complete trials
/// that have every parameter of the search space (their coordinates, objective values turned into
/// maximization, constraint values), and the points of the running trials.
/// </summary>
internal sealed class GpTrainingData
{
    private GpTrainingData(GpSearchSpace space, List<int> numbers, double[] x, double[][] objectives, double[][]? constraints, bool[] feasible, List<double[]> pending)
    {
        Space = space;
        Numbers = numbers;
        X = x;
        Objectives = objectives;
        Constraints = constraints;
        Feasible = feasible;
        Pending = pending;
    }

    /// <summary>The search space.</summary>
    public GpSearchSpace Space { get; }

    /// <summary>The trial number of each row.</summary>
    public List<int> Numbers { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Numbers.Count;

    /// <summary>The rows' coordinates, row-major.</summary>
    public double[] X { get; }

    /// <summary>Per objective, the rows' values with the sign that makes larger better.</summary>
    public double[][] Objectives { get; }

    /// <summary>Per constraint, the rows' constraint values (feasible when ≤ 0; NaN when the trial has none); <see langword="null"/> without constraints.</summary>
    public double[][]? Constraints { get; }

    /// <summary>Whether each row satisfies its constraints (a row without constraint values counts as feasible, as <see cref="Study.IsFeasible"/>).</summary>
    public bool[] Feasible { get; }

    /// <summary>The coordinates of the running trials other than the one being sampled.</summary>
    public List<double[]> Pending { get; }

    /// <summary>Gathers the data.</summary>
    /// <param name="trials">The study's trials.</param>
    /// <param name="space">The search space.</param>
    /// <param name="directions">The study's directions.</param>
    /// <param name="withConstraints">Whether to read constraint values.</param>
    /// <param name="current">The number of the trial being sampled (not pending).</param>
    /// <returns>The data.</returns>
    /// <exception cref="InvalidOperationException">Trials hold different numbers of constraint values.</exception>
    public static GpTrainingData Collect(
        IReadOnlyList<TrialRecord> trials, GpSearchSpace space, IReadOnlyList<StudyDirection> directions, bool withConstraints, int current)
    {
        var d = space.Count;
        var m = directions.Count;
        var numbers = new List<int>();
        var x = new List<double>();
        var values = new List<double>[m];
        for (var k = 0; k < m; k++)
        {
            values[k] = [];
        }

        List<double>[]? constraintValues = null;
        var feasible = new List<bool>();
        var pending = new List<double[]>();
        Span<double> point = d <= 256 ? stackalloc double[d] : new double[d];
        foreach (var trial in trials)
        {
            if (trial.State == TrialState.Running && trial.Number != current)
            {
                if (PendingPoint(trial, space) is { } p)
                {
                    pending.Add(p);
                }

                continue;
            }

            if (trial.State != TrialState.Complete || trial.Values is not { } objectiveValues
                || objectiveValues.Count != m || !space.Covers(trial.InternalParams))
            {
                continue;
            }

            space.Encode(trial.InternalParams, point);
            numbers.Add(trial.Number);
            foreach (var c in point)
            {
                x.Add(c);
            }

            for (var k = 0; k < m; k++)
            {
                values[k].Add(directions[k] == StudyDirection.Maximize ? objectiveValues[k] : -objectiveValues[k]);
            }

            feasible.Add(Study.IsFeasible(trial));
            if (withConstraints)
            {
                var read = ReadConstraints(trial);
                if (read is not null)
                {
                    constraintValues ??= Enumerable.Range(0, read.Length).Select(_ => Enumerable.Repeat(double.NaN, numbers.Count - 1).ToList()).ToArray();
                    if (read.Length != constraintValues.Length)
                    {
                        throw new InvalidOperationException(
                            $"Trial {trial.Number} has {read.Length} constraint values, but earlier trials have {constraintValues.Length}; the number of constraints must be the same for all trials.");
                    }
                }

                if (constraintValues is not null)
                {
                    for (var c = 0; c < constraintValues.Length; c++)
                    {
                        constraintValues[c].Add(read is null ? double.NaN : read[c]);
                    }
                }
            }
        }

        return new GpTrainingData(
            space,
            numbers,
            [.. x],
            values.Select(v => v.ToArray()).ToArray(),
            withConstraints ? constraintValues?.Select(v => v.ToArray()).ToArray() ?? [] : null,
            [.. feasible],
            pending);
    }

    /// <summary>This single-objective data, without constraints, with extra feasible rows before its own (e.g. warm-start trials).</summary>
    /// <param name="numbers">The extra rows' numbers, distinct from the trials' (e.g. negative).</param>
    /// <param name="x">Their coordinates, row-major.</param>
    /// <param name="objective">Their values, with the sign that makes larger better.</param>
    /// <returns>The combined data.</returns>
    public GpTrainingData Prepend(List<int> numbers, double[] x, double[] objective) => new(
        Space,
        [.. numbers, .. Numbers],
        [.. x, .. X],
        [[.. objective, .. Objectives[0]]],
        null,
        [.. Enumerable.Repeat(true, numbers.Count), .. Feasible],
        Pending);

    /// <summary>Standardizes values to mean 0 and standard deviation 1 (the deviation floored at 1e-10).</summary>
    /// <param name="values">The values.</param>
    /// <param name="mean">Receives the mean.</param>
    /// <param name="deviation">Receives the (floored) population standard deviation.</param>
    /// <returns>The standardized values.</returns>
    public static double[] Standardize(IReadOnlyList<double> values, out double mean, out double deviation)
    {
        var n = values.Count;
        mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= Math.Max(n, 1);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        deviation = Math.Max(Math.Sqrt(sum / Math.Max(n, 1)), 1e-10);
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = (values[i] - mean) / deviation;
        }

        return result;
    }

    private static double[]? ReadConstraints(TrialRecord trial)
    {
        if (!trial.SystemAttrs.TryGetValue(Study.ConstraintsKey, out var raw) || raw is not IEnumerable<object?> items)
        {
            return null;
        }

        var list = new List<double>();
        foreach (var item in items)
        {
            list.Add(item switch
            {
                double v => v,
                long v => v,
                int v => v,
                _ => double.NaN,
            });
        }

        return [.. list];
    }

    // A running trial's point: its suggested parameters, completed by the relative sample it was given.
    private static double[]? PendingPoint(TrialRecord trial, GpSearchSpace space)
    {
        IReadOnlyDictionary<string, double> values = trial.InternalParams;
        if (!space.Covers(values))
        {
            if (!trial.SystemAttrs.TryGetValue(GpSampler.RelativeParamsKey, out var raw) || raw is not IReadOnlyDictionary<string, object?> relative)
            {
                return null;
            }

            var merged = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, value) in relative)
            {
                if (value is double v)
                {
                    merged[name] = v;
                }
                else if (value is long l)
                {
                    merged[name] = l;
                }
            }

            foreach (var (name, value) in values)
            {
                merged[name] = value;
            }

            if (!space.Covers(merged))
            {
                return null;
            }

            values = merged;
        }

        var point = new double[space.Count];
        space.Encode(values, point);
        return point;
    }
}
