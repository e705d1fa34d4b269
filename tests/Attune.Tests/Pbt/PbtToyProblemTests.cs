using System.Globalization;
using Attune.Pbt;
using Attune.Randomness;
using Xunit.Abstractions;

namespace Attune.Tests.Pbt;

/// <summary>
/// PBT against random and grid search on the toy problem of Jaderberg et al. (2017), with the same total number of
/// gradient steps: a population of 4 training 100 steps each (400 steps), against 4 fixed h drawn uniformly or
/// on the 2×2 grid of cell centres, each trained 100 steps.
/// </summary>
public sealed class PbtToyProblemTests(ITestOutputHelper output)
{
    private const int Population = 4;
    private const int StepsPerMember = 100;
    private const int Seeds = 12;

    [Fact]
    [Trait("Category", "Statistical")]
    public async Task Pbt_reaches_a_higher_q_than_random_and_grid_search_with_the_same_steps()
    {
        var grid = GridSearch();
        var pbt = new double[Seeds];
        var pb2 = new double[Seeds];
        var random = new double[Seeds];
        for (var seed = 0; seed < Seeds; seed++)
        {
            pbt[seed] = await RunAsync(seed, PbtExplore.Perturb);
            pb2[seed] = await RunAsync(seed, PbtExplore.Pb2);
            random[seed] = RandomSearch(seed);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"seed {seed}: PBT {pbt[seed]:F4}  PB2 {pb2[seed]:F4}  random {random[seed]:F4}  grid {grid:F4}"));
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"mean: PBT {pbt.Average():F4}  PB2 {pb2.Average():F4}  random {random.Average():F4}  grid {grid:F4}; PBT wins over random {pbt.Zip(random).Count(p => p.First > p.Second)}/{Seeds}"));
        Assert.True(pbt.Average() > random.Average() + 0.02, $"PBT {pbt.Average()} vs random {random.Average()}");
        Assert.True(pbt.Average() > grid + 0.02, $"PBT {pbt.Average()} vs grid {grid}");
        Assert.True(pbt.Zip(random).Count(p => p.First > p.Second) >= Seeds - 2);
        Assert.True(pb2.Average() > random.Average() + 0.02, $"PB2 {pb2.Average()} vs random {random.Average()}");
    }

    internal static async Task<double> RunAsync(int seed, PbtExplore explore)
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var options = new PbtOptions
        {
            PopulationSize = Population,
            PerturbationInterval = 5,
            TotalSteps = Population * StepsPerMember,
            Seed = seed,
            Explore = explore,
        };
        var result = await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, new InMemoryCheckpointStore()).RunAsync();
        return result.Best.Score!.Value;
    }

    internal static double RandomSearch(int seed)
    {
        var rng = new SeededRandom((ulong)seed + 1000);
        return Enumerable.Range(0, Population).Max(_ => ToyMember.Fixed(rng.NextDouble(), rng.NextDouble(), StepsPerMember));
    }

    internal static double GridSearch()
    {
        double[] cells = [0.25, 0.75];
        return cells.SelectMany(a => cells.Select(b => ToyMember.Fixed(a, b, StepsPerMember))).Max();
    }
}
