using Attune.Pbt;
using Attune.Randomness;

namespace Attune.Tests.Pbt;

public sealed class PbtExploreTests
{
    private static readonly PbtSearchSpace Space = new PbtSearchSpace()
        .AddFloat("lr", 1e-4, 1, log: true)
        .AddFloat("momentum", 0, 0.99)
        .AddInt("layers", 1, 8)
        .AddCategorical("batch", [16, 32, 64, 128]);

    private static PbtHyperparameters At(double lr, double momentum, int layers, int batch) =>
        new(new Dictionary<string, object?> { ["lr"] = lr, ["momentum"] = momentum, ["layers"] = layers, ["batch"] = batch });

    [Fact]
    public void Perturbation_multiplies_by_a_factor_moves_integers_and_categoricals_by_one_and_stays_in_bounds()
    {
        var options = new PbtOptions { ResampleProbability = 0 };
        var rng = new SeededRandom(1);
        var from = At(0.01, 0.5, 4, 32);
        for (var i = 0; i < 200; i++)
        {
            var explored = PbtPerturbation.Explore(from, Space, options, rng);
            Assert.Contains((double)explored["lr"]!, new[] { 0.01 * 0.8, 0.01 * 1.2 });
            Assert.Contains((double)explored["momentum"]!, new[] { 0.5 * 0.8, 0.5 * 1.2 });
            Assert.Contains((int)explored["layers"]!, new[] { 3, 5 });
            Assert.Contains((int)explored["batch"]!, new[] { 16, 64 });
        }

        var edge = At(0.9, 0.95, 8, 128);
        for (var i = 0; i < 200; i++)
        {
            var explored = PbtPerturbation.Explore(edge, Space, options, rng);
            Assert.InRange((double)explored["lr"]!, 1e-4, 1);
            Assert.InRange((double)explored["momentum"]!, 0, 0.99);
            Assert.InRange((int)explored["layers"]!, 1, 8);
            Assert.Contains((int)explored["batch"]!, new[] { 64, 128 });
        }
    }

    [Fact]
    public void Resampling_draws_from_the_whole_range()
    {
        var options = new PbtOptions { ResampleProbability = 1 };
        var rng = new SeededRandom(2);
        var lrs = new List<double>();
        for (var i = 0; i < 500; i++)
        {
            var explored = PbtPerturbation.Explore(At(0.01, 0.5, 4, 32), Space, options, rng);
            lrs.Add((double)explored["lr"]!);
            Assert.InRange((double)explored["momentum"]!, 0, 0.99);
            Assert.InRange((int)explored["layers"]!, 1, 8);
        }

        Assert.InRange(lrs.Min(), 1e-4, 1e-3);
        Assert.InRange(lrs.Max(), 0.1, 1);
        Assert.InRange(lrs.Count(v => v < 1e-2) / 500.0, 0.4, 0.6); // log-uniform: half below the geometric middle
    }

    [Fact]
    public void Custom_explore_functions_are_used_and_checked()
    {
        var space = new PbtSearchSpace().AddFloat("x", 0, 1, explore: (v, _) => (double)v! / 2).AddInt("n", 1, 4);
        var from = new PbtHyperparameters(new Dictionary<string, object?> { ["x"] = 0.5, ["n"] = 2 });
        var explored = PbtPerturbation.Explore(from, space, new PbtOptions(), new SeededRandom(3));
        Assert.Equal(0.25, explored["x"]);

        var global = new PbtOptions { CustomExplore = (h, _) => new Dictionary<string, object?> { ["x"] = h.GetDouble("x"), ["n"] = 4 } };
        Assert.Equal(4, PbtPerturbation.Explore(from, space, global, new SeededRandom(3))["n"]);

        var outside = new PbtSearchSpace().AddFloat("x", 0, 1, explore: (_, _) => 2.0);
        var e = Assert.Throws<InvalidOperationException>(() => PbtPerturbation.Explore(new PbtHyperparameters(new Dictionary<string, object?> { ["x"] = 0.5 }), outside, new PbtOptions(), new SeededRandom(3)));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("outside", e.Message, StringComparison.Ordinal);
    }
}
