using Attune.Randomness;
using Attune.Samplers;

namespace Attune.Tests.Samplers.CmaEs;

/// <summary>Drives a <see cref="CmaSearch"/> on a function without a study: λ candidates, evaluate, tell.</summary>
internal static class CmaRunner
{
    public delegate double Function(ReadOnlySpan<double> x);

    /// <summary>Minimizes until the best value is at most <paramref name="target"/> or the budget is spent.</summary>
    /// <returns>The evaluations used (the budget when the target was not reached) and the best value.</returns>
    public static (long Evaluations, double Best) Minimize(CmaSearch search, Function f, long budget, double target = double.NegativeInfinity)
    {
        long evaluations = 0;
        var best = double.PositiveInfinity;
        while (evaluations < budget)
        {
            var optimizer = search.Optimizer;
            var n = optimizer.Dimension;
            var lambda = optimizer.PopulationSize;
            var points = new double[lambda * n];
            var values = new double[lambda];
            var evaluated = new double[n];
            for (var k = 0; k < lambda; k++)
            {
                var x = points.AsSpan(k * n, n);
                if (search.Orthogonal)
                {
                    search.OrthogonalCandidate(k, (ulong)k, x, evaluated);
                }
                else
                {
                    search.Candidate((ulong)k, x, evaluated);
                }

                values[k] = f(evaluated);
                evaluations++;
                if (values[k] < best)
                {
                    best = values[k];
                    if (best <= target)
                    {
                        return (evaluations, best);
                    }
                }
            }

            search.Tell(points, values);
        }

        return (budget, best);
    }

    public static CmaSearch Search(
        int n,
        double[] mean,
        double sigma,
        ulong seed,
        CmaDomain? domain = null,
        bool separable = false,
        CmaRestartStrategy restart = CmaRestartStrategy.None,
        bool margin = false,
        bool learningRate = false,
        int? populationSize = null,
        bool orthogonal = false)
    {
        domain ??= CmaDomain.Unbounded(n);
        var optimizer = CmaOptimizer.Create(domain, mean, sigma, populationSize, separable, default, margin, learningRate);
        return new CmaSearch(optimizer, seed, restart, 2, optimizer.PopulationSize, sigma, margin) { Orthogonal = orthogonal };
    }

    public static double[] Filled(int n, double value) => Enumerable.Repeat(value, n).ToArray();

    public static double[] Uniform(int n, double low, double high, ulong seed)
    {
        var rng = new SeededRandom(seed);
        return Enumerable.Range(0, n).Select(_ => rng.NextDouble(low, high)).ToArray();
    }
}
