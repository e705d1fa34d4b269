using System.Globalization;

namespace Attune.Samplers;

/// <summary>Creates the first CMA-ES state of a study from the sampler's options (or continues one on a new space).</summary>
internal static class CmaInitialState
{
    /// <summary>The default initial step size in the normalised space (Optuna's min_range / 6).</summary>
    public const double DefaultSigma0 = 1.0 / 6;

    /// <summary>A new search on <paramref name="space"/> from generation <paramref name="generation"/>.</summary>
    /// <param name="options">The sampler's options.</param>
    /// <param name="space">The search space, at least one parameter.</param>
    /// <param name="seed">The seed of the search.</param>
    /// <param name="generation">The global generation to start at.</param>
    /// <param name="direction">The study's direction (for warm-start values).</param>
    /// <param name="studyWarmStart">
    /// The study's warm-start trials (<see cref="Study.WarmStartTrials"/>), used like <see cref="CmaEsSamplerOptions.SourceTrials"/>
    /// when the options set none of <c>SourceTrials</c>, <c>X0</c> and <c>Sigma0</c>; a cold start when none fits the space.
    /// </param>
    /// <returns>The state, without reserved trials.</returns>
    /// <exception cref="ArgumentException">A value of <see cref="CmaEsSamplerOptions.X0"/> is outside its distribution.</exception>
    /// <exception cref="InvalidOperationException">No source trial has every parameter of the space.</exception>
    public static CmaStudyState Create(
        CmaEsSamplerOptions options, CmaSpace space, ulong seed, long generation, StudyDirection direction, IReadOnlyList<TrialRecord>? studyWarmStart = null)
    {
        var n = space.Dimension;
        var mean = new double[n];
        var sigma = options.Sigma0 ?? DefaultSigma0;
        double[]? covariance = null;
        var fromStudy = options.SourceTrials is null && options.X0 is null && options.Sigma0 is null && studyWarmStart is { Count: > 0 };
        if (options.SourceTrials is { } sources)
        {
            (mean, sigma, covariance) = WarmStart(sources, space, direction, options.ConsiderPrunedTrials) ?? throw NoSourceFits(sources, space);
        }
        else if (fromStudy && WarmStart(studyWarmStart!, space, direction, considerPruned: false) is { } estimate)
        {
            (mean, sigma, covariance) = estimate;
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                mean[i] = InitialCoordinate(options.X0, space, i);
            }
        }

        var populationSize = options.PopulationSize ?? CmaOptimizer.DefaultPopulationSize(n);
        var optimizer = CmaOptimizer.Create(
            space.Domain, mean, Math.Max(sigma, 1e-10), populationSize, options.UseSeparableCma, covariance, options.WithMargin, options.LrAdapt);
        var search = new CmaSearch(
            optimizer, seed, options.RestartStrategy, options.IncPopSize, populationSize, options.Sigma0 ?? DefaultSigma0, options.WithMargin)
        {
            Orthogonal = options.OrthogonalSampling,
            Generation = generation,
            RunStart = generation,
        };
        return new CmaStudyState(space, search, []);
    }

    /// <summary>The state continued on a smaller space: the marginal distribution of the kept parameters, from the next generation.</summary>
    /// <param name="state">The current state.</param>
    /// <param name="space">The new space, a sub-space of the state's.</param>
    /// <param name="positions">The new space's coordinates in the state's space.</param>
    /// <param name="options">The sampler's options (for the population size).</param>
    /// <returns>The new state.</returns>
    public static CmaStudyState Marginal(CmaStudyState state, CmaSpace space, int[] positions, CmaEsSamplerOptions options)
    {
        var old = state.Search;
        var optimizer = old.Optimizer.Marginal(positions, options.PopulationSize);
        var search = new CmaSearch(
            optimizer, old.Seed, old.Strategy, old.IncPopSize, optimizer.PopulationSize, old.BaseSigma, old.WithMargin)
        {
            Orthogonal = old.Orthogonal,
            Generation = old.Generation + 1,
            Restarts = old.Restarts,
            RunStart = old.Generation + 1,
        };
        return new CmaStudyState(space, search, []);
    }

    private static double InitialCoordinate(IReadOnlyDictionary<string, object?>? x0, CmaSpace space, int i)
    {
        var name = space.Names[i];
        if (x0 is null || !x0.TryGetValue(name, out var external))
        {
            return 0.5;
        }

        var distribution = space.DistributionAt(i);
        double value;
        try
        {
            value = distribution.ToInternal(external);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"X0 of parameter '{name}' cannot be used with {distribution}: {e.Message}", nameof(x0), e);
        }

        if (!distribution.Contains(value))
        {
            throw new ArgumentException(
                $"X0 of parameter '{name}' is {Convert.ToString(external, CultureInfo.InvariantCulture)}, outside {distribution}; give a value inside the distribution.",
                nameof(x0));
        }

        return space.ToUnit(i, value);
    }

    private static InvalidOperationException NoSourceFits(IReadOnlyList<TrialRecord> sources, CmaSpace space) => new(
        $"None of the {sources.Count} source trials is evaluated and has every parameter of the search space ({string.Join(", ", space.Names)}) with the same kind of distribution; warm starting needs at least one.");

    // The WS-CMA-ES estimate from the usable source trials, or null when none has every parameter of the space.
    private static (double[] Mean, double Sigma, double[] Covariance)? WarmStart(
        IReadOnlyList<TrialRecord> sources, CmaSpace space, StudyDirection direction, bool considerPruned)
    {
        var n = space.Dimension;
        var sign = direction == StudyDirection.Maximize ? -1 : 1;
        var points = new List<double>();
        var values = new List<double>();
        foreach (var trial in sources)
        {
            var usable = trial.State == TrialState.Complete || (considerPruned && trial.State == TrialState.Pruned);
            if (!usable || trial.Value is not { } value || !Compatible(trial, space))
            {
                continue;
            }

            var point = new double[n];
            var complete = true;
            for (var i = 0; i < n && complete; i++)
            {
                complete = InternalValue(trial, space, i) is { } v;
                point[i] = complete ? space.ToUnit(i, InternalValue(trial, space, i)!.Value) : 0;
            }

            if (complete)
            {
                points.AddRange(point);
                values.Add(sign * value);
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        return CmaWarmStart.Estimate(points.ToArray(), values.ToArray(), n);
    }

    // A source trial's value of parameter i: its internal value, or its external one converted (a record built by hand).
    private static double? InternalValue(TrialRecord trial, CmaSpace space, int i)
    {
        var name = space.Names[i];
        if (trial.InternalParams.TryGetValue(name, out var value))
        {
            return value;
        }

        if (!trial.Params.TryGetValue(name, out var external))
        {
            return null;
        }

        try
        {
            return trial.Distributions[name].ToInternal(external);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool Compatible(TrialRecord trial, CmaSpace space)
    {
        for (var i = 0; i < space.Dimension; i++)
        {
            var target = space.DistributionAt(i);
            if (!trial.Distributions.TryGetValue(space.Names[i], out var source)
                || source.GetType() != target.GetType()
                || (source is FloatDistribution f && f.Log != ((FloatDistribution)target).Log)
                || (source is IntDistribution d && d.Log != ((IntDistribution)target).Log))
            {
                return false;
            }
        }

        return true;
    }
}
