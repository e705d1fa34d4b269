using Attune.Randomness;
using Attune.Samplers;

namespace Attune.Tests.Samplers.CmaEs;

/// <summary>
/// The CMA-ES core without a study. Evaluation counts to reach f = 1e-8 in 10 dimensions with the default
/// population (λ = 10): CMA-ES needs about 4,000–6,000 evaluations on the ellipsoid of condition 1e6 and
/// about 5,000–6,000 on Rosenbrock from the origin (Hansen and Ostermeier, Evolutionary Computation 9(2),
/// 2001, figures 8–9; Hansen, arXiv:1604.00772, figure 4 and section 4); the limits below add a margin of
/// about 50 % to the upper end.
/// </summary>
public class CmaOptimizerTests
{
    private const int N = 10;

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Solves_the_ellipsoid_of_condition_1e6_in_10_dimensions(ulong seed)
    {
        var (evaluations, best) = CmaRunner.Minimize(
            CmaRunner.Search(N, CmaRunner.Filled(N, 1), 1, seed), CmaTestFunctions.Ellipsoid, 9_000, 1e-8);
        Assert.True(best <= 1e-8, $"best {best} after {evaluations} evaluations");

        // The rotated (non-separable) ellipsoid costs the same: full CMA is invariant to rotations.
        var (rotated, rotatedBest) = CmaRunner.Minimize(
            CmaRunner.Search(N, CmaRunner.Filled(N, 1), 1, seed), CmaTestFunctions.RotatedEllipsoid, 9_000, 1e-8);
        Assert.True(rotatedBest <= 1e-8, $"rotated: best {rotatedBest} after {rotated} evaluations");
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Solves_Rosenbrock_in_10_dimensions(ulong seed)
    {
        var (evaluations, best) = CmaRunner.Minimize(
            CmaRunner.Search(N, CmaRunner.Filled(N, 0), 0.5, seed), CmaTestFunctions.Rosenbrock, 9_000, 1e-8);
        Assert.True(best <= 1e-8, $"best {best} after {evaluations} evaluations");
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    public void Orthogonal_sampling_converges_within_the_same_limits(ulong seed)
    {
        // Orthogonal samples are each N(0, I), so step-size adaptation stays unbiased: no premature convergence.
        var (ellipsoid, bestEllipsoid) = CmaRunner.Minimize(
            CmaRunner.Search(N, CmaRunner.Filled(N, 1), 1, seed, orthogonal: true), CmaTestFunctions.RotatedEllipsoid, 9_000, 1e-8);
        Assert.True(bestEllipsoid <= 1e-8, $"ellipsoid: best {bestEllipsoid} after {ellipsoid} evaluations");
        var (rosenbrock, bestRosenbrock) = CmaRunner.Minimize(
            CmaRunner.Search(N, CmaRunner.Filled(N, 0), 0.5, seed, orthogonal: true), CmaTestFunctions.Rosenbrock, 9_000, 1e-8);
        Assert.True(bestRosenbrock <= 1e-8, $"Rosenbrock: best {bestRosenbrock} after {rosenbrock} evaluations");
    }

    [Trait("Category", "Statistical")]
    [Fact]
    public void Separable_CMA_is_faster_than_full_CMA_on_a_separable_ellipsoid()
    {
        // sep-CMA learns only the n variances, with a (n + 2)/3 times larger learning rate (Ros and Hansen, 2008).
        for (var seed = 0UL; seed < 3; seed++)
        {
            var (separable, bestSeparable) = CmaRunner.Minimize(
                CmaRunner.Search(N, CmaRunner.Filled(N, 1), 1, seed, separable: true), CmaTestFunctions.Ellipsoid, 9_000, 1e-8);
            var (full, _) = CmaRunner.Minimize(
                CmaRunner.Search(N, CmaRunner.Filled(N, 1), 1, seed), CmaTestFunctions.Ellipsoid, 9_000, 1e-8);
            Assert.True(bestSeparable <= 1e-8, $"sep-CMA: best {bestSeparable}");
            Assert.True(separable < 0.8 * full, $"seed {seed}: sep-CMA {separable} evaluations, full CMA {full}");
        }
    }

    [Fact]
    public void Separable_CMA_cannot_learn_a_rotated_ellipsoid()
    {
        var (_, best) = CmaRunner.Minimize(
            CmaRunner.Search(N, CmaRunner.Filled(N, 1), 1, 0, separable: true), CmaTestFunctions.RotatedEllipsoid, 9_000, 1e-8);
        Assert.True(best > 1e-8, $"a diagonal covariance should not reach 1e-8 on the rotated ellipsoid within 9,000 evaluations, but got {best}");
    }

    [Trait("Category", "Statistical")]
    [Theory]
    [InlineData(CmaRestartStrategy.Ipop)]
    [InlineData(CmaRestartStrategy.Bipop)]
    public void Restarts_trigger_on_Rastrigin_and_improve_it(CmaRestartStrategy strategy)
    {
        // 10-D Rastrigin in [−5.12, 5.12]¹⁰: one run with λ = 10 ends in a local minimum; restarts with
        // larger populations find better ones.
        var box = new CmaDomain(CmaRunner.Filled(N, -5.12), CmaRunner.Filled(N, 5.12), new CmaDiscreteAxis?[N]);
        var improved = 0;
        for (var seed = 0UL; seed < 3; seed++)
        {
            var mean = CmaRunner.Uniform(N, -5.12, 5.12, seed);
            var single = CmaRunner.Search(N, mean, 2, seed, box);
            var (_, singleBest) = CmaRunner.Minimize(single, CmaTestFunctions.Rastrigin, 30_000);
            Assert.True(single.Optimizer.ShouldStop(), "the single run should have converged");

            var restarting = CmaRunner.Search(N, mean, 2, seed, box, restart: strategy);
            var (_, best) = CmaRunner.Minimize(restarting, CmaTestFunctions.Rastrigin, 30_000);
            Assert.True(restarting.Restarts >= 2, $"{strategy}: {restarting.Restarts} restarts");
            Assert.True(best <= singleBest, $"{strategy}: {best} after restarts, {singleBest} without");
            if (best < singleBest)
            {
                improved++;
            }

            if (strategy == CmaRestartStrategy.Ipop)
            {
                Assert.Equal(10 << restarting.Restarts, restarting.Optimizer.PopulationSize);
            }
        }

        Assert.True(improved >= 2, $"{strategy} improved on a single run for {improved} of 3 seeds");
    }

    [Trait("Category", "Statistical")]
    [Fact]
    public void Margin_keeps_integer_coordinates_exploring()
    {
        // Ten integers in [−10, 10] (21 cells of the unit interval each) on the ellipsoid: once σ is below a
        // cell, plain CMA-ES samples one integer vector over and over; with margin, every coordinate keeps a
        // probability of at least α = 1/(nλ) of leaving the mean's cell.
        var axes = Enumerable.Range(0, N).Select(_ => CmaDiscreteAxis.Linear(21)).ToArray<CmaDiscreteAxis?>();
        double Objective(ReadOnlySpan<double> u)
        {
            Span<double> z = stackalloc double[N];
            for (var i = 0; i < N; i++)
            {
                z[i] = axes[i]!.CellOf(u[i]) - 10;
            }

            return CmaTestFunctions.Ellipsoid(z);
        }

        var stalled = 0;
        for (var seed = 0UL; seed < 4; seed++)
        {
            var start = CmaRunner.Uniform(N, 0, 1, seed + 100);
            var margin = CmaRunner.Search(N, start, 1.0 / 6, seed, CmaDomain.UnitCube(axes), margin: true);
            var (evaluations, best) = CmaRunner.Minimize(margin, Objective, 6_000, 0);
            Assert.True(best == 0, $"seed {seed}: with margin, best {best} after {evaluations} evaluations");
            Assert.True(ShareLeavingTheMode(margin, axes) >= 0.02, "with margin, samples must keep leaving the best integers");

            var plain = CmaRunner.Search(N, start, 1.0 / 6, seed, CmaDomain.UnitCube(axes));
            CmaRunner.Minimize(plain, Objective, 6_000, 0);
            CmaRunner.Minimize(plain, Objective, 3_000);
            if (ShareLeavingTheMode(plain, axes) == 0)
            {
                stalled++;
            }
        }

        Assert.True(stalled >= 1, "plain CMA-ES was expected to freeze on fixed integers in at least one of the runs");
    }

    [Fact]
    public void Learning_rate_adaptation_still_converges_on_the_ellipsoid()
    {
        var search = CmaRunner.Search(N, CmaRunner.Filled(N, 1), 1, 3, learningRate: true);
        var (evaluations, best) = CmaRunner.Minimize(search, CmaTestFunctions.Ellipsoid, 40_000, 1e-8);
        Assert.True(best <= 1e-8, $"best {best} after {evaluations} evaluations");
        var rates = search.Optimizer.LearningRate!;
        Assert.InRange(rates.MeanRate, 1e-3, 1);
        Assert.InRange(rates.CovarianceRate, 1e-3, 1);
    }

    [Fact]
    public void Injected_points_are_clipped_to_a_Mahalanobis_length()
    {
        // A far injected point must not drag the mean further than the clipped step.
        var optimizer = CmaOptimizer.Create(CmaDomain.Unbounded(2), [0.0, 0.0], 1, populationSize: 4);
        double[] points = [1e6, 1e6, 0.1, 0, 0, 0.1, -0.1, 0];
        optimizer.Tell(points, [0, 1, 2, 3], [true, false, false, false]);
        var clip = Math.Sqrt(2) + (2.0 * 2 / 4);
        var shift = Math.Sqrt((optimizer.Mean[0] * optimizer.Mean[0]) + (optimizer.Mean[1] * optimizer.Mean[1]));
        Assert.True(shift <= clip, $"the mean moved {shift}");
        Assert.True(shift > 0.1, "the injected best point should still pull the mean");
    }

    [Fact]
    public void Samples_stay_in_the_box_and_one_stream_gives_one_sample()
    {
        var optimizer = CmaOptimizer.Create(CmaDomain.UnitCube(new CmaDiscreteAxis?[3]), [0.95, 0.5, 0.05], 0.5);
        var a = new double[3];
        var b = new double[3];
        for (var k = 0UL; k < 200; k++)
        {
            optimizer.Sample(SeededRandom.For(7, k), a);
            optimizer.Sample(SeededRandom.For(7, k), b);
            Assert.Equal(a, b);
            Assert.All(a, v => Assert.InRange(v, 0, 1));
        }
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        var domain = CmaDomain.Unbounded(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => CmaOptimizer.Create(domain, [0.0, 0.0], 0));
        Assert.Throws<ArgumentException>(() => CmaOptimizer.Create(domain, [0.0], 1));
        Assert.Throws<ArgumentException>(() => CmaOptimizer.Create(domain, [0.0, 0.0], 1, separable: true, learningRateAdaptation: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => CmaOptimizer.Create(domain, [0.0, 0.0], 1, populationSize: 1));
        var optimizer = CmaOptimizer.Create(domain, [0.0, 0.0], 1, populationSize: 4);
        Assert.Throws<ArgumentException>(() => optimizer.Tell(new double[8], [0, 1, 2]));
        Assert.Throws<ArgumentException>(() => optimizer.Tell(new double[8], [0, 1, 2, double.NaN]));
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 6)]
    [InlineData(6, 9)]
    [InlineData(10, 10)]
    [InlineData(100, 17)]
    public void Default_population_size_is_4_plus_3_ln_n(int n, int expected) =>
        Assert.Equal(expected, CmaOptimizer.DefaultPopulationSize(n));

    // The share of 300 further samples whose integer vector differs from the best one (the mean's cells).
    private static double ShareLeavingTheMode(CmaSearch search, CmaDiscreteAxis?[] axes)
    {
        var optimizer = search.Optimizer;
        var x = new double[N];
        var evaluated = new double[N];
        var leaving = 0;
        for (var k = 0UL; k < 300; k++)
        {
            search.Candidate(1000 + k, x, evaluated);
            for (var i = 0; i < N; i++)
            {
                if (axes[i]!.CellOf(evaluated[i]) != axes[i]!.CellOf(optimizer.Mean[i]))
                {
                    leaving++;
                    break;
                }
            }
        }

        return leaving / 300.0;
    }
}
