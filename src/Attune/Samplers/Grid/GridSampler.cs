using System.Globalization;
using System.Runtime.CompilerServices;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Grid search: runs every point of the Cartesian product of the given value lists exactly once, in a
/// seeded random order (or in grid order), and stops the study when every point has been taken. Each
/// point is run once also when several workers, threads or processes share the study: a trial claims
/// its point through system attributes before it runs (see the remarks).
/// </summary>
/// <remarks>
/// <para>
/// Like Optuna's <c>GridSampler</c> (3.1), the parameters are ordered by name, a grid id indexes the
/// product of the value lists in that order (the last name varies fastest), and every trial that takes a
/// point records the system attributes <c>"grid_id"</c> (the id) and <c>"search_space"</c> (the grid as a
/// dictionary of lists). Trials written by Optuna with the same grid count as taken points, and Optuna
/// reads Attune's the same way. Failed and pruned trials count as visited, as in Optuna.
/// </para>
/// <para>
/// A trial enqueued with <see cref="Study.EnqueueTrial"/> takes a free point that agrees with its fixed
/// parameters; when every such point is taken it still runs (it was asked for), reusing the values of the
/// first agreeing point for the grid parameters it does not fix, and does not count as taking a point.
/// A trial whose fixed values are not on the grid runs with them and must fix every grid parameter it
/// suggests. Enqueued trials never see <see cref="SearchSpaceExhaustedException"/>, and the study is not
/// stopped while trials wait in the queue.
/// </para>
/// </remarks>
public sealed class GridSampler : Sampler
{
    /// <summary>The trial system attribute with the id of the trial's grid point (Optuna's name).</summary>
    public const string GridIdKey = "grid_id";

    /// <summary>The trial system attribute with the grid the id refers to (Optuna's name).</summary>
    public const string SearchSpaceKey = "search_space";

    /// <summary>The trial system attribute of the claim protocol: <c>{"v": 1, "state": "claimed" | "released" | "duplicate", "id": n}</c>.</summary>
    public const string ClaimKey = "attune:grid";

    private const string StateClaimed = "claimed";
    private const string StateReleased = "released";
    private const string StateDuplicate = "duplicate";

    // How long (in milliseconds slept) the lowest-numbered claimant of a point waits for higher-numbered
    // claimants to move on before it gives the point up. They move on after one storage round trip, so
    // only a claimant that died between two writes makes it wait that long.
    private const int RivalWaitMilliseconds = 10_000;

    private readonly string[] names;
    private readonly object?[][] values;
    private readonly object?[][] canonicalValues;
    private readonly long[] strides;
    private readonly long size;
    private readonly Dictionary<string, int> indexOfName;
    private readonly Dictionary<string, object?> searchSpaceAttr;
    private readonly ulong seed;
    private readonly bool shuffle;
    private readonly GridOrder order;
    private readonly ConditionalWeakTable<object, object> sameSpaceCache = new();

    /// <summary>Creates a grid sampler with a random visiting order seeded from the operating system's entropy.</summary>
    /// <param name="searchSpace">The values of each parameter: strings, numbers, booleans, enum values or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="searchSpace"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is empty, a list is null or empty, a value has an unsupported type or is
    /// NaN or infinite, or the grid has more than <see cref="long.MaxValue"/> points.</exception>
    public GridSampler(IReadOnlyDictionary<string, IReadOnlyList<object?>> searchSpace)
        : this(searchSpace, new GridSamplerOptions())
    {
    }

    /// <summary>Creates a grid sampler.</summary>
    /// <param name="searchSpace">The values of each parameter: strings, numbers, booleans, enum values or <see langword="null"/>.</param>
    /// <param name="options">The seed and order of the visit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="searchSpace"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is empty, a list is null or empty, a value has an unsupported type or is
    /// NaN or infinite, or the grid has more than <see cref="long.MaxValue"/> points.</exception>
    public GridSampler(IReadOnlyDictionary<string, IReadOnlyList<object?>> searchSpace, GridSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        ArgumentNullException.ThrowIfNull(options);
        names = [.. searchSpace.Keys];
        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A grid parameter name must not be null or empty.", nameof(searchSpace));
            }
        }

        Array.Sort(names, CompareCodePoints);
        values = new object?[names.Length][];
        canonicalValues = new object?[names.Length][];
        strides = new long[names.Length];
        indexOfName = new Dictionary<string, int>(StringComparer.Ordinal);
        searchSpaceAttr = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var p = 0; p < names.Length; p++)
        {
            var name = names[p];
            var list = searchSpace[name]
                ?? throw new ArgumentException($"The values of grid parameter '{name}' are null; give a list of at least one value.", nameof(searchSpace));
            if (list.Count == 0)
            {
                throw new ArgumentException($"The values of grid parameter '{name}' are empty; give at least one value.", nameof(searchSpace));
            }

            values[p] = new object?[list.Count];
            canonicalValues[p] = new object?[list.Count];
            var normalized = new List<object?>(list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                var value = list[i];
                if (!IsSupportedValue(value))
                {
                    throw new ArgumentException(
                        $"Value {i} of grid parameter '{name}' is {FloatDistribution.Describe(value)}; grid values must be strings, numbers, booleans, enum values or null.",
                        nameof(searchSpace));
                }

                if (value is double or float && !double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)))
                {
                    throw new ArgumentException(
                        $"Value {i} of grid parameter '{name}' is {Convert.ToString(value, CultureInfo.InvariantCulture)}; grid values must be finite so that the grid can be stored.",
                        nameof(searchSpace));
                }

                values[p][i] = value;
                var stored = AttributeValue.Normalize(value, name);
                normalized.Add(stored);
                canonicalValues[p][i] = CategoricalDistribution.Canonical(stored);
            }

            indexOfName[name] = p;
            searchSpaceAttr[name] = normalized;
        }

        long total = 1;
        for (var p = names.Length - 1; p >= 0; p--)
        {
            strides[p] = total;
            try
            {
                total = checked(total * values[p].Length);
            }
            catch (OverflowException e)
            {
                throw new ArgumentException($"The grid has more than {long.MaxValue} points.", nameof(searchSpace), e);
            }
        }

        size = total;
        seed = options.Seed is { } s ? (ulong)(uint)s : SeededRandom.EntropySeed();
        shuffle = options.Shuffle;
        order = new GridOrder(size, seed, shuffle);
        var space = new Dictionary<string, IReadOnlyList<object?>>(StringComparer.Ordinal);
        for (var p = 0; p < names.Length; p++)
        {
            space[names[p]] = Array.AsReadOnly(values[p]);
        }

        SearchSpace = space;
    }

    /// <summary>The grid: the values of each parameter, with the names in the order grid ids use (ordinal, by Unicode code point).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<object?>> SearchSpace { get; }

    /// <summary>The number of grid points (the product of the list lengths).</summary>
    public long GridSize => size;

    /// <summary>The parameter values of grid point <paramref name="gridId"/>.</summary>
    /// <param name="gridId">A grid id in [0, <see cref="GridSize"/>).</param>
    /// <returns>The value of every grid parameter, as given to the constructor.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gridId"/> is outside the grid.</exception>
    public IReadOnlyDictionary<string, object?> GetGridPoint(long gridId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gridId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(gridId, size);
        var point = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
        for (var p = 0; p < names.Length; p++)
        {
            point[names[p]] = ValueAt(gridId, p);
        }

        return point;
    }

    /// <summary>Whether every grid point has been taken by a trial of <paramref name="study"/> (running or finished).</summary>
    /// <param name="study">The study.</param>
    /// <returns><see langword="true"/> when no point is left for a new trial.</returns>
    public bool IsExhausted(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return Scan(study, -1).Held.Count >= size;
    }

    /// <summary>
    /// Claims a grid point for the trial (see the class remarks), or, when every point is taken, stops the
    /// study and throws <see cref="SearchSpaceExhaustedException"/>.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The new trial.</param>
    /// <exception cref="SearchSpaceExhaustedException">Every grid point is taken; the study is stopped.</exception>
    public override void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var attrs = trial.SystemAttrs;
        if (TryGetAssignedId(attrs, out _))
        {
            // Assigned before it started (a retried or copied trial): it keeps its point.
            return;
        }

        var sub = SubGrid.Full(this);
        var enqueued = false;
        if (attrs.TryGetValue(Trial.FixedParamsKey, out var fixedValue) && fixedValue is IReadOnlyDictionary<string, object?> fixedParams)
        {
            enqueued = true;
            if (SubGridFor(fixedParams) is not { } agreeing)
            {
                return;
            }

            sub = agreeing;
        }

        Claim(study, trial, sub, enqueued);
    }

    /// <summary>Returns the value of <paramref name="name"/> at the trial's grid point, in the distribution's internal representation.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The running trial.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="distribution">Its distribution.</param>
    /// <returns>The internal value of the grid value.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a grid parameter, or the grid value is not in <paramref name="distribution"/>.</exception>
    /// <exception cref="InvalidOperationException">The trial has no grid point (it was enqueued with values that are not on the grid).</exception>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!indexOfName.TryGetValue(name, out var p))
        {
            throw new ArgumentException(
                $"Parameter '{name}' is not in the GridSampler's search space (grid parameters: {string.Join(", ", names.Select(n => $"'{n}'"))}); " +
                "add it to the grid, or do not suggest it.",
                nameof(name));
        }

        var attrs = trial.SystemAttrs;
        if (!TryGetAssignedId(attrs, out var gridId) && !TryReadClaim(attrs, StateDuplicate, out gridId))
        {
            throw new InvalidOperationException(
                $"Trial {trial.Number} has no grid point: it was enqueued with values that are not on the grid, so it must fix every grid " +
                $"parameter it suggests, and '{name}' is not fixed.");
        }

        var value = ValueAt(gridId, p);
        double internalValue;
        try
        {
            internalValue = distribution.ToInternal(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"The grid value {FloatDistribution.Describe(value)} of parameter '{name}' cannot be used with {distribution}: {e.Message}",
                nameof(distribution),
                e);
        }

        if (!distribution.Contains(internalValue))
        {
            throw new ArgumentException(
                $"The grid value {FloatDistribution.Describe(value)} of parameter '{name}' is outside {distribution}; " +
                "widen the suggested range or change the grid.",
                nameof(distribution));
        }

        return internalValue;
    }

    /// <summary>Stops the study when every grid point is taken and no trial waits in the queue.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The finishing trial.</param>
    /// <param name="state">Its final state.</param>
    /// <param name="values">Its values, when complete.</param>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        var view = Scan(study, -1);
        if (!view.HasWaiting && view.Held.Count >= size)
        {
            study.Stop();
        }
    }

    // The claim protocol. Storage is linearizable: a write is seen by every read that starts after it.
    //
    // A trial T claims grid id g by writing ClaimKey = {state: claimed, id: g}, then re-reads the study's
    // trials. Another trial U "holds" g when U has grid_id = g for this grid (a decided holder: U won g,
    // or it is an Optuna trial, in any state, failed ones included) or when U is running with an
    // undecided claim on g. Finished trials' undecided claims hold nothing: they failed before their
    // claim was decided and never ran g ("failed before claim"). After the re-read:
    //   - no other holder of g: T keeps g; it writes search_space and grid_id and never changes its
    //     claim again;
    //   - a decided holder, or an undecided one with a lower trial number: T yields g and never claims
    //     it again in this BeforeTrial; it either writes a claim on another id or writes "released";
    //   - only undecided holders with higher numbers: T keeps its claim unchanged, waits a little, and
    //     re-reads (up to RivalWaitMilliseconds of sleep, then it yields).
    //
    // Safety: two trials A and B never both keep g. Let W_A be A's last claim write of g (its claim
    // stays g from W_A on, since a keeper never rewrites it) and R_A the read after which A kept; the
    // same for B. A read comes after its own write, so W_A < R_A and W_B < R_B. Suppose both kept, and
    // name them so that R_B < R_A. Then W_B < R_B < R_A, so A's read came after B's claim write, and
    // B's claim on g never changed after W_B. At R_A, B is either still running (its claim is visible,
    // undecided or decided), or finished after writing grid_id (a decided holder in any state), or
    // finished before writing grid_id, i.e. it failed before its objective could run g. In the first
    // two cases A sees a holder of g and does not keep it: contradiction. In the third, B never ran g,
    // so g is still run at most once. Hence no grid point is run by two trials. The argument uses only
    // storage reads and writes, so it holds across threads, Study objects and processes alike.
    // (Asking "R_B < R_A" rather than comparing writes is what makes one rule cover both races:
    // both claims written before both reads, and one trial reading before the other writes.)
    //
    // Progress: in a fresh study, trial k prefers the k-th point of the seeded permutation, so trials
    // with distinct numbers never contend. When they do (other seeds, other Study objects, enqueued or
    // failed trials), a waiting trial only ever waits for higher-numbered ones, which move on after one
    // write, so there are no cycles; and the lowest-numbered running claimant of g never yields it
    // (except to a decided holder, or when a higher one stays undecided past the wait, i.e. died
    // between two writes). So a contended point is kept by someone, never abandoned by all.
    // A trial that finds no free id (all held, or yielded by it) stops the study and throws.
    private void Claim(Study study, Trial trial, SubGrid sub, bool enqueued)
    {
        var deferred = new HashSet<long>();
        long? claim = null;
        var wroteClaim = false;
        var attempt = 0;
        var waits = 0;
        var waited = 0;
        var view = Scan(study, trial.Number);
        while (true)
        {
            if (claim is not { } g)
            {
                long? preferred = attempt == 0 && !enqueued && trial.Number < size ? order.Map(trial.Number) : null;
                var rng = SeededRandom.For(SeededRandom.Derive(seed, (ulong)trial.Number), (ulong)attempt);
                var pick = Pick(view, deferred, sub, preferred, rng);
                attempt++;
                if (pick is not { } picked)
                {
                    if (enqueued)
                    {
                        trial.SetSystemAttr(ClaimKey, ClaimValue(StateDuplicate, sub.ToGridId(0)));
                        return;
                    }

                    if (wroteClaim)
                    {
                        trial.SetSystemAttr(ClaimKey, ClaimValue(StateReleased, null));
                    }

                    study.Stop();
                    throw new SearchSpaceExhaustedException(
                        $"GridSampler: every one of the {size} grid points has been taken by a trial of study '{study.Name}'; the study is stopped.");
                }

                claim = picked;
                trial.SetSystemAttr(ClaimKey, ClaimValue(StateClaimed, picked));
                wroteClaim = true;
                waits = 0;
                waited = 0;
                view = Scan(study, trial.Number);
                continue;
            }

            if (!view.Held.TryGetValue(g, out var holders))
            {
                trial.SetSystemAttr(SearchSpaceKey, searchSpaceAttr);
                trial.SetSystemAttr(GridIdKey, g);
                return;
            }

            if (holders.Decided || holders.LowestUndecided < trial.Number || waited >= RivalWaitMilliseconds)
            {
                // Yield g; the view was read after our claim, so it serves to pick the next id.
                deferred.Add(g);
                claim = null;
                continue;
            }

            waited += ClaimBackoff.Pause(waits++);
            view = Scan(study, trial.Number);
        }
    }

    private long? Pick(GridView view, HashSet<long> deferred, SubGrid sub, long? preferred, SeededRandom rng)
    {
        bool IsFree(long id) => !view.Held.ContainsKey(id) && !deferred.Contains(id);

        long blocked = 0;
        foreach (var id in view.Held.Keys)
        {
            if (sub.Contains(id))
            {
                blocked++;
            }
        }

        foreach (var id in deferred)
        {
            if (!view.Held.ContainsKey(id) && sub.Contains(id))
            {
                blocked++;
            }
        }

        var free = sub.Size - blocked;
        if (free <= 0)
        {
            return null;
        }

        if (preferred is { } p && IsFree(p))
        {
            return p;
        }

        if (!shuffle)
        {
            // Grid order: every index skipped is blocked, so this loop is linear in the number of trials.
            for (long s = 0; s < sub.Size; s++)
            {
                var id = sub.ToGridId(s);
                if (IsFree(id))
                {
                    return id;
                }
            }

            return null;
        }

        if (free >= sub.Size - free)
        {
            // At least half the points are free: a few uniform draws find one.
            for (var i = 0; i < 64; i++)
            {
                var id = sub.ToGridId(rng.NextInt64(sub.Size));
                if (IsFree(id))
                {
                    return id;
                }
            }
        }

        // Mostly taken: sub.Size < 2 * blocked, so listing the free points is linear in the number of trials.
        var candidates = new List<long>();
        for (long s = 0; s < sub.Size; s++)
        {
            var id = sub.ToGridId(s);
            if (IsFree(id))
            {
                candidates.Add(id);
            }
        }

        return candidates.Count == 0 ? null : candidates[rng.NextInt32(candidates.Count)];
    }

    /// <summary>Who holds which grid id, read from every trial of the study except <paramref name="excludeNumber"/>.</summary>
    private GridView Scan(Study study, int excludeNumber)
    {
        var view = new GridView();
        foreach (var t in study.Trials)
        {
            if (t.State == TrialState.Waiting)
            {
                view.HasWaiting = true;
            }

            if (t.Number == excludeNumber)
            {
                continue;
            }

            if (TryGetAssignedId(t.SystemAttrs, out var id))
            {
                view.Holders(id).Decided = true;
            }
            else if (t.State == TrialState.Running && TryReadClaim(t.SystemAttrs, StateClaimed, out id) && id >= 0 && id < size)
            {
                var holders = view.Holders(id);
                holders.LowestUndecided = Math.Min(holders.LowestUndecided, t.Number);
            }
        }

        return view;
    }

    /// <summary>The grid id a trial took, when it has one of this grid.</summary>
    private bool TryGetAssignedId(IReadOnlyDictionary<string, object?> attrs, out long id)
    {
        id = -1;
        return attrs.TryGetValue(GridIdKey, out var raw)
            && TryGetLong(raw, out id)
            && id >= 0
            && id < size
            && attrs.TryGetValue(SearchSpaceKey, out var space)
            && IsThisSearchSpace(space);
    }

    private static bool TryReadClaim(IReadOnlyDictionary<string, object?> attrs, string state, out long id)
    {
        id = -1;
        return attrs.TryGetValue(ClaimKey, out var raw)
            && raw is IReadOnlyDictionary<string, object?> claim
            && claim.TryGetValue("state", out var s)
            && s is string text
            && string.Equals(text, state, StringComparison.Ordinal)
            && claim.TryGetValue("id", out var rawId)
            && TryGetLong(rawId, out id);
    }

    private static Dictionary<string, object?> ClaimValue(string state, long? id) => new(StringComparer.Ordinal)
    {
        ["v"] = 1L,
        ["state"] = state,
        ["id"] = id,
    };

    private static bool TryGetLong(object? value, out long result)
    {
        switch (value)
        {
            case long l:
                result = l;
                return true;
            case int i:
                result = i;
                return true;
            case double d when d == Math.Floor(d) && d is >= long.MinValue and < long.MaxValue:
                result = (long)d;
                return true;
            default:
                result = -1;
                return false;
        }
    }

    /// <summary>Whether a trial's <c>search_space</c> attribute is this grid (same names, same values in the same order; numbers by value).</summary>
    private bool IsThisSearchSpace(object? space)
    {
        if (space is null)
        {
            return false;
        }

        if (sameSpaceCache.TryGetValue(space, out var cached))
        {
            return (bool)cached;
        }

        var same = CompareSearchSpace(space);
        sameSpaceCache.AddOrUpdate(space, same);
        return same;
    }

    private bool CompareSearchSpace(object space)
    {
        if (space is not IReadOnlyDictionary<string, object?> dict || dict.Count != names.Length)
        {
            return false;
        }

        for (var p = 0; p < names.Length; p++)
        {
            if (!dict.TryGetValue(names[p], out var raw) || raw is not IReadOnlyList<object?> list || list.Count != canonicalValues[p].Length)
            {
                return false;
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (!Equals(CategoricalDistribution.Canonical(list[i]), canonicalValues[p][i]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The grid points that agree with an enqueued trial's fixed values, or <see langword="null"/> when a fixed value is off the grid.</summary>
    private SubGrid? SubGridFor(IReadOnlyDictionary<string, object?> fixedParams)
    {
        var allowed = new int[]?[names.Length];
        for (var p = 0; p < names.Length; p++)
        {
            if (!fixedParams.TryGetValue(names[p], out var fixedValue))
            {
                continue;
            }

            var key = CategoricalDistribution.Canonical(AttributeValue.Normalize(fixedValue, names[p]));
            var matches = new List<int>();
            for (var i = 0; i < canonicalValues[p].Length; i++)
            {
                if (Equals(canonicalValues[p][i], key))
                {
                    matches.Add(i);
                }
            }

            if (matches.Count == 0)
            {
                return null;
            }

            allowed[p] = [.. matches];
        }

        return new SubGrid(this, allowed);
    }

    private object? ValueAt(long gridId, int p) => values[p][(int)(gridId / strides[p] % values[p].Length)];

    private static bool IsSupportedValue(object? value) => value switch
    {
        null or string or bool or Enum => true,
        double or float or int or long or short or byte or sbyte or uint or ulong or ushort or decimal => true,
        _ => false,
    };

    /// <summary>Python's order of <c>str</c>: by Unicode code point (UTF-16 ordinal order differs for surrogates).</summary>
    private static int CompareCodePoints(string? a, string? b)
    {
        static int Fix(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;

        a ??= string.Empty;
        b ??= string.Empty;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return Fix(a[i]) - Fix(b[i]);
            }
        }

        return a.Length - b.Length;
    }

    /// <summary>Holders of one grid id in a read of the study.</summary>
    private sealed class HolderSet
    {
        public bool Decided { get; set; }

        public int LowestUndecided { get; set; } = int.MaxValue;
    }

    private sealed class GridView
    {
        public Dictionary<long, HolderSet> Held { get; } = [];

        public bool HasWaiting { get; set; }

        public HolderSet Holders(long id)
        {
            if (!Held.TryGetValue(id, out var holders))
            {
                holders = new HolderSet();
                Held[id] = holders;
            }

            return holders;
        }
    }

    /// <summary>A product of index subsets of the grid's lists (all of every list for the full grid), numbered like the grid.</summary>
    private sealed class SubGrid
    {
        private readonly GridSampler grid;
        private readonly int[]?[] allowed;

        public SubGrid(GridSampler grid, int[]?[] allowed)
        {
            this.grid = grid;
            this.allowed = allowed;
            long total = 1;
            for (var p = 0; p < allowed.Length; p++)
            {
                total *= allowed[p]?.Length ?? grid.values[p].Length;
            }

            Size = total;
        }

        public long Size { get; }

        public static SubGrid Full(GridSampler grid) => new(grid, new int[]?[grid.names.Length]);

        public long ToGridId(long subIndex)
        {
            long id = 0;
            for (var p = allowed.Length - 1; p >= 0; p--)
            {
                var length = allowed[p]?.Length ?? grid.values[p].Length;
                var index = (int)(subIndex % length);
                subIndex /= length;
                id += (allowed[p]?[index] ?? index) * grid.strides[p];
            }

            return id;
        }

        public bool Contains(long gridId)
        {
            for (var p = 0; p < allowed.Length; p++)
            {
                if (allowed[p] is { } indices && Array.IndexOf(indices, (int)(gridId / grid.strides[p] % grid.values[p].Length)) < 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
