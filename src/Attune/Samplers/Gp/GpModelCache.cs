using System.Globalization;
using Attune.Randomness;
using Microsoft.Extensions.Logging;

namespace Attune.Samplers;

/// <summary>
/// One Gaussian process of a study (an objective or a constraint) kept between trials, so that a
/// new trial costs O(n²) instead of a fit: the model is extended by the trials that completed since
/// (<see cref="GaussianProcess.Extend"/>) and given the re-standardized targets, and its
/// hyperparameters are refit by MAP only when the number of trials has grown by the refit fraction
/// since the last fit — warm-started from that fit.
/// </summary>
/// <remarks>Not thread-safe; the sampler updates it under the study's lock.</remarks>
internal sealed class GpModelCache
{
    /// <summary>How many rows of its own a study needs before warm-start rows stop taking part in hyperparameter fits.</summary>
    private const int OwnRowsToFit = 10;

    private List<int> rows = [];
    private KernelParameters? parameters;
    private int fitCount;
    private GaussianProcess? model;

    /// <summary>The model after the last update.</summary>
    public GaussianProcess? Model => model;

    /// <summary>Brings the model up to date with the given training data.</summary>
    /// <param name="numbers">The trial number of each row (distinct).</param>
    /// <param name="x">The rows' coordinates, row-major, in the order of <paramref name="numbers"/>.</param>
    /// <param name="y">The rows' standardized targets.</param>
    /// <param name="categorical">Which coordinates are categorical.</param>
    /// <param name="settings">How to fit.</param>
    /// <param name="logger">Where fits are logged (debug level).</param>
    /// <param name="name">The model's name in the log.</param>
    /// <param name="extraNoise">
    /// The extra noise variance of each row by trial number (warm-start rows); the model is then built anew with it
    /// each time instead of extended, and the hyperparameters are fitted without it. Default none.
    /// </param>
    /// <returns>The model, with rows in this cache's order (the order does not change the posterior).</returns>
    public GaussianProcess Update(
        IReadOnlyList<int> numbers, ReadOnlySpan<double> x, double[] y, bool[] categorical, GpFitSettings settings, ILogger logger, string name, Func<int, double>? extraNoise = null)
    {
        var d = categorical.Length;
        var n = numbers.Count;
        var position = new Dictionary<int, int>(n);
        for (var i = 0; i < n; i++)
        {
            position[numbers[i]] = i;
        }

        // Known rows first, in the model's order; then the new ones. A known row that is gone (or a
        // change of dimension) means starting over.
        var order = new List<int>(n);
        var known = model is not null && model.Dimension == d && rows.Count <= n && rows.TrueForAll(position.ContainsKey);
        if (known)
        {
            foreach (var number in rows)
            {
                order.Add(position[number]);
            }

            var seen = new HashSet<int>(rows);
            for (var i = 0; i < n; i++)
            {
                if (!seen.Contains(numbers[i]))
                {
                    order.Add(i);
                }
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                order.Add(i);
            }

            model = null;
            if (parameters is not null && parameters.InverseSquaredLengthscales.Length != d)
            {
                parameters = null;
            }
        }

        var orderedX = new double[n * d];
        var orderedY = new double[n];
        var orderedNumbers = new List<int>(n);
        for (var k = 0; k < n; k++)
        {
            x.Slice(order[k] * d, d).CopyTo(orderedX.AsSpan(k * d, d));
            orderedY[k] = y[order[k]];
            orderedNumbers.Add(numbers[order[k]]);
        }

        var interval = Math.Max(1, (int)Math.Floor(fitCount * settings.RefitFraction));
        var noise = extraNoise is null ? [] : orderedNumbers.Select(extraNoise).ToArray();
        if (model is null || parameters is null || n - fitCount >= interval)
        {
            parameters = extraNoise is null ? Fit(orderedX, n, categorical, orderedY, settings, orderedNumbers) : FitOwnRows(orderedX, categorical, orderedY, settings, orderedNumbers, noise);
            fitCount = n;
            model = GaussianProcess.Create(orderedX, n, categorical, orderedY, parameters, noise);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                GpLog.Fitted(
                    logger,
                    name,
                    n,
                    string.Join(", ", parameters.Lengthscales().Select(l => l.ToString("G4", CultureInfo.InvariantCulture))),
                    parameters.Scale,
                    parameters.NoiseVariance);
            }
        }
        else if (extraNoise is not null)
        {
            model = GaussianProcess.Create(orderedX, n, categorical, orderedY, parameters, noise);
        }
        else
        {
            var added = n - model.Count;
            model = added > 0
                ? model.Extend(orderedX.AsSpan(model.Count * d), added, orderedY, fork: false)
                    ?? GaussianProcess.Create(orderedX, n, categorical, orderedY, parameters)
                : model.WithTargets(orderedY);
        }

        rows = orderedNumbers;
        return model;
    }

    // With warm-start rows (extra noise), the fit is homoscedastic: once the study has OwnRowsToFit rows of its own,
    // fit on those alone, so that a source that disagrees with the study does not inflate the noise or the lengthscales.
    private KernelParameters FitOwnRows(double[] x, bool[] categorical, double[] y, GpFitSettings settings, List<int> numbers, double[] noise)
    {
        var own = Enumerable.Range(0, numbers.Count).Where(i => noise[i] == 0).ToArray();
        if (own.Length < OwnRowsToFit)
        {
            return Fit(x, numbers.Count, categorical, y, settings, numbers);
        }

        var d = categorical.Length;
        var ownX = new double[own.Length * d];
        for (var k = 0; k < own.Length; k++)
        {
            x.AsSpan(own[k] * d, d).CopyTo(ownX.AsSpan(k * d, d));
        }

        return Fit(ownX, own.Length, categorical, own.Select(i => y[i]).ToArray(), settings, own.Select(i => numbers[i]).ToList());
    }

    // MAP fit on all rows, or on a seeded random subset of MaxFitTrials rows when there are more.
    private KernelParameters Fit(double[] x, int n, bool[] categorical, double[] y, GpFitSettings settings, List<int> numbers)
    {
        var d = categorical.Length;
        if (n <= settings.MaxFitTrials)
        {
            return GpFitter.Fit(x, n, categorical, y, settings.Prior, settings.Deterministic, parameters);
        }

        var indices = Enumerable.Range(0, n).ToArray();
        var rng = SeededRandom.For(settings.Seed, (ulong)n);
        rng.Shuffle(indices.AsSpan());
        var m = settings.MaxFitTrials;
        Array.Sort(indices, 0, m, Comparer<int>.Create((a, b) => numbers[a].CompareTo(numbers[b])));
        var subsetX = new double[m * d];
        var subsetY = new double[m];
        for (var k = 0; k < m; k++)
        {
            x.AsSpan(indices[k] * d, d).CopyTo(subsetX.AsSpan(k * d, d));
            subsetY[k] = y[indices[k]];
        }

        return GpFitter.Fit(subsetX, m, categorical, subsetY, settings.Prior, settings.Deterministic, parameters);
    }
}

/// <summary>How <see cref="GpModelCache"/> fits hyperparameters.</summary>
/// <param name="Prior">The prior.</param>
/// <param name="Deterministic">Hold the noise at its minimum.</param>
/// <param name="RefitFraction">Refit when the trials grew by this fraction since the last fit (at least one trial).</param>
/// <param name="MaxFitTrials">Fit on a random subset of at most this many trials.</param>
/// <param name="Seed">The seed of the subset.</param>
internal sealed record GpFitSettings(GpKernelPrior Prior, bool Deterministic, double RefitFraction, int MaxFitTrials, ulong Seed);
