using Attune.Samplers;

namespace Attune.Tests.Samplers.CmaEs;

/// <summary>The pieces of CmaEsSampler's state: the JSON form, the normalised space, the axes and the warm-start estimate.</summary>
public class CmaStateTests
{
    private static readonly Dictionary<string, Distribution> Space = new()
    {
        ["a"] = new FloatDistribution(-5, 10),
        ["b"] = new FloatDistribution(1e-4, 1, log: true),
        ["c"] = new FloatDistribution(0, 1, step: 0.1),
        ["d"] = new IntDistribution(1, 1024, log: true),
        ["e"] = new IntDistribution(-3, 9, step: 3),
    };

    [Theory]
    [InlineData(false, false, false, CmaRestartStrategy.None)]
    [InlineData(true, true, false, CmaRestartStrategy.Ipop)]
    [InlineData(false, true, true, CmaRestartStrategy.Bipop)]
    public void The_state_survives_its_JSON_form_bit_for_bit(bool separable, bool margin, bool learningRate, CmaRestartStrategy strategy)
    {
        var options = new CmaEsSamplerOptions { UseSeparableCma = separable, WithMargin = margin, LrAdapt = learningRate, RestartStrategy = strategy };
        var state = CmaInitialState.Create(options, CmaSpace.From(Space), 12345678901234567890UL, 0, StudyDirection.Minimize);
        var search = state.Search;

        // A few updates so that every vector and matrix holds non-trivial numbers.
        var n = search.Optimizer.Dimension;
        for (var g = 0; g < 5; g++)
        {
            var lambda = search.Optimizer.PopulationSize;
            var points = new double[lambda * n];
            var values = new double[lambda];
            var evaluated = new double[n];
            for (var k = 0; k < lambda; k++)
            {
                search.Candidate((ulong)k, points.AsSpan(k * n, n), evaluated);
                values[k] = evaluated.Select((v, i) => (v - 0.3) * (v - 0.3) * (i + 1)).Sum();
            }

            search.Tell(points, values);
        }

        var json = CmaStateJson.Write(state with { Reserved = [7, 9] });
        var read = CmaStateJson.Read(json, "s");
        Assert.Equal(json, CmaStateJson.Write(read));
        Assert.Equal([7, 9], read.Reserved);
        Assert.True(read.Space.SameAs(state.Space));
        Assert.Equal(search.Optimizer.Mean.ToArray(), read.Search.Optimizer.Mean.ToArray());
        Assert.Equal(search.Optimizer.Sigma, read.Search.Optimizer.Sigma);
        Assert.Equal(search.Seed, read.Search.Seed);

        // The same candidates from the state read back as from a second reading (each process decodes).
        var again = CmaStateJson.Read(json, "s");
        var x1 = new double[n];
        var x2 = new double[n];
        var u = new double[n];
        for (var k = 0UL; k < 20; k++)
        {
            read.Search.Candidate(k, x1, u);
            again.Search.Candidate(k, x2, u);
            Assert.Equal(x1, x2);
        }
    }

    [Fact]
    public void Unreadable_and_future_states_are_clear_errors()
    {
        var bad = Assert.Throws<InvalidOperationException>(() => CmaStateJson.Read("{\"version\": 1}", "s"));
        Assert.Contains("unreadable system attribute 'attune:cma:state'", bad.Message, StringComparison.Ordinal);
        var future = Assert.Throws<NotSupportedException>(() => CmaStateJson.Read("{\"version\": 2}", "s"));
        Assert.Contains("format version 2", future.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_value_maps_to_its_cell_and_back()
    {
        var space = CmaSpace.From(Space);
        Assert.Equal(["a", "b", "c", "d", "e"], space.Names);
        for (var i = 0; i < space.Dimension; i++)
        {
            var distribution = space.DistributionAt(i);
            foreach (var value in Values(distribution))
            {
                var u = space.ToUnit(i, value);
                Assert.InRange(u, 0, 1);
                Assert.Equal(value, space.FromUnit(i, u), 9);
            }

            // Coordinates outside [0, 1] are clamped to the ends.
            Assert.True(distribution.Contains(space.FromUnit(i, -0.5)));
            Assert.True(distribution.Contains(space.FromUnit(i, 1.5)));
        }

        // Log ints get log-space cells: 1 … 1024 over [ln 0.5, ln 1024.5].
        var d = Array.IndexOf(space.Names.ToArray(), "d");
        Assert.Equal(32, space.FromUnit(d, (Math.Log(32) - Math.Log(0.5)) / (Math.Log(1024.5) - Math.Log(0.5))));
        Assert.Equal(0.5, space.ToUnit(0, 2.5), 12);
    }

    [Fact]
    public void Axes_split_the_unit_interval_into_cells()
    {
        var linear = CmaDiscreteAxis.Linear(4);
        Assert.Equal(new long[] { 0, 0, 1, 2, 3, 3, 3 }, new[] { -1, 0.1, 0.26, 0.6, 0.76, 1, 2 }.Select(linear.CellOf));
        Assert.Equal(0.25, linear.LowerBoundary(1));
        Assert.Equal(0.375, linear.Centre(1));

        var log = CmaDiscreteAxis.Log(1, 9);
        Assert.Equal(9, log.Count);
        for (var cell = 0L; cell < 9; cell++)
        {
            Assert.Equal(cell, log.CellOf(log.Centre(cell)));
            if (cell > 0)
            {
                Assert.True(log.LowerBoundary(cell) < log.Centre(cell));
                Assert.Equal(cell - 1, log.CellOf(log.LowerBoundary(cell) - 1e-9));
            }
        }
    }

    [Fact]
    public void Warm_start_estimate_matches_the_mixture_in_closed_form()
    {
        // Ten solutions; with γ = 0.2 the best two, (0.2, 0.4) and (0.4, 0.4), are kept:
        // μ = (0.3, 0.4), Σ = α²I + diag(0.01, 0) = diag(0.02, 0.01) for α = 0.1.
        var points = new List<double>();
        var values = new List<double>();
        for (var k = 0; k < 10; k++)
        {
            points.AddRange(k == 0 ? [0.2, 0.4] : k == 1 ? [0.4, 0.4] : [0.9, 0.9]);
            values.Add(k);
        }

        var (mean, sigma, covariance) = CmaWarmStart.Estimate(points.ToArray(), values.ToArray(), 2, gamma: 0.2, alpha: 0.1);
        Assert.Equal(0.3, mean[0], 12);
        Assert.Equal(0.4, mean[1], 12);
        var determinant = 0.02 * 0.01;
        Assert.Equal(Math.Pow(determinant, 1.0 / 4), sigma, 12);
        Assert.Equal(0.02 / Math.Sqrt(determinant), covariance[0], 10);
        Assert.Equal(0.01 / Math.Sqrt(determinant), covariance[3], 10);
        Assert.Equal(0, covariance[1], 12);
    }

    private static IEnumerable<double> Values(Distribution distribution) => distribution switch
    {
        FloatDistribution { Step: { } step } f => Enumerable.Range(0, 11).Select(k => Math.Min(f.High, f.Low + (k * step))),
        FloatDistribution f => [f.Low, f.High, f.Log ? Math.Sqrt(f.Low * f.High) : (f.Low + f.High) / 2],
        IntDistribution i => Enumerable.Range(0, (int)i.Count).Select(k => (double)(i.Low + (k * i.Step))),
        _ => [],
    };
}
