using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// A CMA-ES search made of runs: the current <see cref="CmaOptimizer"/>, a global generation counter
/// that never goes back (across restarts), the seed every sample derives from, and the bookkeeping of
/// IPOP and BIPOP restarts. Sample k of generation g is a pure function of (seed, g, k), so every
/// worker that holds the same search draws the same candidates.
/// </summary>
internal sealed class CmaSearch
{
    // The random stream keys: candidate streams use the key the caller gives; restarts use this one.
    private const ulong RestartKey = 0xC3A5_C85C_97CB_3127UL;
    private const ulong OrthogonalKey = 0x9AE1_6A3B_2F90_404FUL;

    // The orthogonal directions of one generation, computed once (threads that race compute the same array).
    private OrthogonalDirectionsOf? orthogonal;

    /// <summary>Creates a search from its first run.</summary>
    /// <param name="optimizer">The first run.</param>
    /// <param name="seed">The seed of every sample.</param>
    /// <param name="strategy">The restart strategy.</param>
    /// <param name="incPopSize">The population factor of a large-population restart.</param>
    /// <param name="basePopulationSize">λ of the first run (the reference of restarts).</param>
    /// <param name="baseSigma">σ₀ of a restart.</param>
    /// <param name="withMargin">Whether runs use CMA-ES with margin on discrete coordinates.</param>
    public CmaSearch(
        CmaOptimizer optimizer, ulong seed, CmaRestartStrategy strategy, int incPopSize, int basePopulationSize, double baseSigma, bool withMargin)
    {
        WithMargin = withMargin;
        Optimizer = optimizer;
        Seed = seed;
        Strategy = strategy;
        IncPopSize = incPopSize;
        BasePopulationSize = basePopulationSize;
        BaseSigma = baseSigma;
    }

    /// <summary>Whether runs use CMA-ES with margin on discrete coordinates.</summary>
    public bool WithMargin { get; }

    /// <summary>Whether the first candidate of each slot comes from <see cref="OrthogonalCandidate"/>.</summary>
    public bool Orthogonal { get; init; }

    /// <summary>The current run.</summary>
    public CmaOptimizer Optimizer { get; private set; }

    /// <summary>The seed of every sample and restart.</summary>
    public ulong Seed { get; }

    /// <summary>The restart strategy.</summary>
    public CmaRestartStrategy Strategy { get; }

    /// <summary>The population factor of a large-population restart.</summary>
    public int IncPopSize { get; }

    /// <summary>λ of the first run.</summary>
    public int BasePopulationSize { get; }

    /// <summary>σ of a large-population restart; small-population restarts take a random fraction of it.</summary>
    public double BaseSigma { get; }

    /// <summary>The global generation: the number of updates made by all runs so far.</summary>
    public long Generation { get; set; }

    /// <summary>The number of restarts so far.</summary>
    public int Restarts { get; set; }

    /// <summary>BIPOP: the number of large-population restarts so far.</summary>
    public int LargeRestarts { get; set; }

    /// <summary>BIPOP: evaluations spent by finished runs in the small-population regime (including the first run).</summary>
    public long SmallEvaluations { get; set; }

    /// <summary>BIPOP: evaluations spent by finished runs in the large-population regime.</summary>
    public long LargeEvaluations { get; set; }

    /// <summary>BIPOP: whether the current run is in the large-population regime.</summary>
    public bool LargeRegime { get; set; }

    /// <summary>The global generation at which the current run started.</summary>
    public long RunStart { get; set; }

    /// <summary>An independent copy of the search (to update while others sample from this one).</summary>
    /// <returns>The copy.</returns>
    public CmaSearch Clone() => new(Optimizer.Clone(), Seed, Strategy, IncPopSize, BasePopulationSize, BaseSigma, WithMargin)
    {
        Orthogonal = Orthogonal,
        Generation = Generation,
        Restarts = Restarts,
        LargeRestarts = LargeRestarts,
        SmallEvaluations = SmallEvaluations,
        LargeEvaluations = LargeEvaluations,
        LargeRegime = LargeRegime,
        RunStart = RunStart,
    };

    /// <summary>Draws candidate <paramref name="key"/> of the current generation.</summary>
    /// <param name="key">The candidate's key (its slot and draw).</param>
    /// <param name="x">Receives the sample, the point the distribution learns from.</param>
    /// <param name="evaluated">Receives the point to evaluate (different from x only for discrete coordinates under margin).</param>
    public void Candidate(ulong key, Span<double> x, Span<double> evaluated)
    {
        var random = SeededRandom.For(SeededRandom.Derive(Seed, (ulong)Generation), key);
        Optimizer.Sample(random, x);
        Optimizer.ForEvaluation(x, evaluated);
    }

    /// <summary>
    /// Draws the first candidate of slot <paramref name="slot"/> by orthogonal sampling: the λ standard
    /// normal vectors of a generation are made orthogonal in blocks of n (Gram–Schmidt) and keep the
    /// lengths they were drawn with, so each is still N(0, I) while the population covers more directions.
    /// </summary>
    /// <param name="slot">The slot, in [0, λ).</param>
    /// <param name="key">The slot's own stream, for points outside the box.</param>
    /// <param name="x">Receives the sample.</param>
    /// <param name="evaluated">Receives the point to evaluate.</param>
    public void OrthogonalCandidate(int slot, ulong key, Span<double> x, Span<double> evaluated)
    {
        var n = Optimizer.Dimension;
        var cached = Volatile.Read(ref orthogonal);
        if (cached is null || cached.Generation != Generation)
        {
            cached = new OrthogonalDirectionsOf(Generation, OrthogonalDirections());
            Volatile.Write(ref orthogonal, cached);
        }

        var random = SeededRandom.For(SeededRandom.Derive(Seed, (ulong)Generation), key);
        Optimizer.Sample(cached.Directions.AsSpan(slot * n, n), random, x);
        Optimizer.ForEvaluation(x, evaluated);
    }

    // The λ standard normal vectors of the current generation, orthogonal within each block of n.
    private double[] OrthogonalDirections()
    {
        var n = Optimizer.Dimension;
        var lambda = Optimizer.PopulationSize;
        var z = new double[lambda * n];
        for (var block = 0; block * n < lambda; block++)
        {
            var rows = Math.Min(n, lambda - (block * n));
            var stream = SeededRandom.For(SeededRandom.Derive(Seed, (ulong)Generation), OrthogonalKey + (ulong)block);
            for (var r = 0; r < rows; r++)
            {
                var row = z.AsSpan(((block * n) + r) * n, n);
                var squares = 0.0;
                for (var i = 0; i < n; i++)
                {
                    row[i] = stream.NextGaussian();
                    squares += row[i] * row[i];
                }

                // Gram–Schmidt against the earlier rows of the block, then the length it was drawn with.
                for (var q = 0; q < r; q++)
                {
                    var previous = z.AsSpan(((block * n) + q) * n, n);
                    var dot = 0.0;
                    var previousSquares = 0.0;
                    for (var i = 0; i < n; i++)
                    {
                        dot += row[i] * previous[i];
                        previousSquares += previous[i] * previous[i];
                    }

                    var projection = dot / previousSquares;
                    for (var i = 0; i < n; i++)
                    {
                        row[i] -= projection * previous[i];
                    }
                }

                var norm = 0.0;
                for (var i = 0; i < n; i++)
                {
                    norm += row[i] * row[i];
                }

                var scale = Math.Sqrt(squares / norm);
                for (var i = 0; i < n; i++)
                {
                    row[i] *= scale;
                }
            }
        }

        return z;
    }

    /// <summary>Updates the current run with one generation and restarts it when it stops (see <see cref="Strategy"/>).</summary>
    /// <param name="points">λ points, row-major.</param>
    /// <param name="values">λ values, lower is better.</param>
    /// <param name="injected">Which points did not come from this generation's distribution (empty for none).</param>
    /// <returns><see langword="true"/> when the update ended the run and a new one started.</returns>
    public bool Tell(ReadOnlySpan<double> points, ReadOnlySpan<double> values, ReadOnlySpan<bool> injected = default)
    {
        Optimizer.Tell(points, values, injected);
        Generation++;
        if (Strategy == CmaRestartStrategy.None || !Optimizer.ShouldStop())
        {
            return false;
        }

        Restart();
        return true;
    }

    /// <summary>Replaces the current run (after the search space changed).</summary>
    /// <param name="optimizer">The new run.</param>
    public void Replace(CmaOptimizer optimizer)
    {
        Optimizer = optimizer;
        RunStart = Generation;
    }

    private void Restart()
    {
        var finished = Optimizer;
        var spent = (long)finished.PopulationSize * finished.Generation;
        var random = SeededRandom.For(SeededRandom.Derive(Seed, (ulong)Generation), RestartKey);
        int populationSize;
        var sigma = BaseSigma;
        if (Strategy == CmaRestartStrategy.Ipop)
        {
            populationSize = Grow(BasePopulationSize, Restarts + 1);
        }
        else
        {
            if (LargeRegime)
            {
                LargeEvaluations += spent;
            }
            else
            {
                SmallEvaluations += spent;
            }

            if (SmallEvaluations < LargeEvaluations)
            {
                // Small regime: between the base population and the last large one, and a step size
                // between σ₀/100 and σ₀, both skewed towards the small end.
                LargeRegime = false;
                var largest = (double)Grow(BasePopulationSize, LargeRestarts) / BasePopulationSize;
                var u = random.NextDouble();
                populationSize = Math.Max(2, (int)Math.Floor(BasePopulationSize * Math.Pow(largest, u * u)));
                sigma = BaseSigma * Math.Pow(10, -2 * random.NextDouble());
            }
            else
            {
                LargeRegime = true;
                LargeRestarts++;
                populationSize = Grow(BasePopulationSize, LargeRestarts);
            }
        }

        var domain = finished.Domain;
        var mean = new double[finished.Dimension];
        for (var i = 0; i < mean.Length; i++)
        {
            var (low, high) = (domain.Lower[i], domain.Upper[i]);
            mean[i] = double.IsFinite(low) && double.IsFinite(high)
                ? low + ((high - low) * random.NextDouble())
                : finished.Mean[i];
        }

        Optimizer = CmaOptimizer.Create(
            domain,
            mean,
            sigma,
            populationSize,
            finished.Parameters.Separable,
            default,
            WithMargin,
            finished.LearningRate is not null);
        Restarts++;
        RunStart = Generation;
    }

    private int Grow(int populationSize, int times)
    {
        long grown = populationSize;
        for (var i = 0; i < times && grown < int.MaxValue / 2; i++)
        {
            grown *= IncPopSize;
        }

        return (int)Math.Min(grown, int.MaxValue / 2);
    }

    private sealed record OrthogonalDirectionsOf(long Generation, double[] Directions);
}
