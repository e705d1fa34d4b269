namespace Attune.Samplers;

/// <summary>
/// The strategy parameters of one CMA-ES run: recombination weights and learning rates, which depend
/// only on the dimension, the population size and the variant. Full CMA follows Hansen's tutorial
/// (arXiv:1604.00772, 2016, equations 48–56, with negative weights, "active" CMA); separable CMA
/// follows Ros and Hansen (PPSN 2008): positive weights only and a covariance learning rate raised by
/// (n + 2)/3, since only n variances are learned.
/// </summary>
internal sealed class CmaParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="dimension">n, at least 1.</param>
    /// <param name="populationSize">λ, at least 2.</param>
    /// <param name="separable">Whether the covariance matrix is diagonal.</param>
    public CmaParameters(int dimension, int populationSize, bool separable)
    {
        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "CMA-ES needs at least one dimension.");
        }

        if (populationSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(populationSize), populationSize, "CMA-ES needs a population of at least 2.");
        }

        Dimension = dimension;
        PopulationSize = populationSize;
        Separable = separable;
        Mu = populationSize / 2;
        double n = dimension;
        Weights = new double[populationSize];
        if (separable)
        {
            // Positive weights for the μ best, none for the rest.
            var sum = 0.0;
            for (var i = 0; i < Mu; i++)
            {
                Weights[i] = Math.Log(Mu + 1) - Math.Log(i + 1);
                sum += Weights[i];
            }

            var squares = 0.0;
            for (var i = 0; i < Mu; i++)
            {
                Weights[i] /= sum;
                squares += Weights[i] * Weights[i];
            }

            MuEff = 1 / squares;
            C1 = 2 / (((n + 1.3) * (n + 1.3)) + MuEff);
            var cmuFull = (2 / MuEff / ((n + Math.Sqrt(2)) * (n + Math.Sqrt(2))))
                + ((1 - (1 / MuEff)) * Math.Min(1, ((2 * MuEff) - 1) / (((n + 2) * (n + 2)) + MuEff)));
            Cmu = Math.Min(1 - C1, (n + 2) / 3 * cmuFull);
            CSigma = (MuEff + 2) / (n + MuEff + 3);
            Cc = 4 / (n + 4);
        }
        else
        {
            var prime = new double[populationSize];
            for (var i = 0; i < populationSize; i++)
            {
                prime[i] = Math.Log((populationSize + 1) / 2.0) - Math.Log(i + 1);
            }

            MuEff = SquaredSumRatio(prime.AsSpan(0, Mu));
            var muEffMinus = SquaredSumRatio(prime.AsSpan(Mu));

            // α_cov = 2 (eq. 57).
            C1 = 2 / (((n + 1.3) * (n + 1.3)) + MuEff);
            Cmu = Math.Min(1 - C1 - 1e-8, 2 * (MuEff - 2 + (1 / MuEff)) / (((n + 2) * (n + 2)) + MuEff));

            // The scale of the negative weights (eq. 50–53): keeps the covariance update positive definite.
            var alphaMinus = Math.Min(
                1 + (C1 / Cmu),
                Math.Min(1 + (2 * muEffMinus / (MuEff + 2)), (1 - C1 - Cmu) / (n * Cmu)));
            double positive = 0, negative = 0;
            foreach (var w in prime)
            {
                if (w > 0)
                {
                    positive += w;
                }
                else
                {
                    negative -= w;
                }
            }

            for (var i = 0; i < populationSize; i++)
            {
                Weights[i] = prime[i] >= 0 ? prime[i] / positive : alphaMinus * prime[i] / negative;
            }

            CSigma = (MuEff + 2) / (n + MuEff + 5);
            Cc = (4 + (MuEff / n)) / (n + 4 + (2 * MuEff / n));
        }

        DSigma = 1 + (2 * Math.Max(0, Math.Sqrt((MuEff - 1) / (n + 1)) - 1)) + CSigma;
        ChiN = Math.Sqrt(n) * (1 - (1 / (4 * n)) + (1 / (21 * n * n)));
        WeightSum = Weights.Sum();
        FunctionHistoryLength = 10 + (int)Math.Ceiling(30 * n / populationSize);
    }

    /// <summary>n.</summary>
    public int Dimension { get; }

    /// <summary>λ, the number of samples per generation.</summary>
    public int PopulationSize { get; }

    /// <summary>Whether the covariance matrix is diagonal (sep-CMA).</summary>
    public bool Separable { get; }

    /// <summary>μ = ⌊λ/2⌋, the number of samples with positive weight.</summary>
    public int Mu { get; }

    /// <summary>The recombination weights of the ranked samples, best first; the last λ − μ are negative (full CMA) or zero (separable).</summary>
    public double[] Weights { get; }

    /// <summary>The sum of <see cref="Weights"/> (below 1 with negative weights).</summary>
    public double WeightSum { get; }

    /// <summary>The variance-effective selection mass of the positive weights.</summary>
    public double MuEff { get; }

    /// <summary>The learning rate of the rank-one update.</summary>
    public double C1 { get; }

    /// <summary>The learning rate of the rank-μ update.</summary>
    public double Cmu { get; }

    /// <summary>The cumulation rate of the covariance path.</summary>
    public double Cc { get; }

    /// <summary>The cumulation rate of the step-size path.</summary>
    public double CSigma { get; }

    /// <summary>The damping of the step-size update.</summary>
    public double DSigma { get; }

    /// <summary>E‖N(0, I)‖, approximated.</summary>
    public double ChiN { get; }

    /// <summary>How many generations the flat-fitness stop criterion looks back.</summary>
    public int FunctionHistoryLength { get; }

    private static double SquaredSumRatio(ReadOnlySpan<double> values)
    {
        double sum = 0, squares = 0;
        foreach (var v in values)
        {
            sum += v;
            squares += v * v;
        }

        return squares == 0 ? 0 : sum * sum / squares;
    }
}
