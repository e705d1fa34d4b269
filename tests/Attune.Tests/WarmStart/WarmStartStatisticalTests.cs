using Attune.Samplers;
using Xunit.Abstractions;

namespace Attune.Tests.WarmStart;

/// <summary>
/// Warm against cold starts over 10 seeds: trials until the regret on Hartmann6 shifted by 0.04 first falls to a
/// target, warm-started from a study of a related function (the unshifted one) or a misleading one (shifted by −0.35).
/// </summary>
[Trait("Category", "Statistical")]
public sealed class WarmStartStatisticalTests(ITestOutputHelper output)
{
    private const int Seeds = 10;

    public static TheoryData<string, double, int> Helpful => new()
    {
        { "tpe", 0.5, 100 },
        { "tpe", 0.1, 200 },
        { "cma", 0.5, 150 },
        { "cma", 0.1, 300 },
        { "gp", 0.5, 60 },
        { "gp", 0.1, 80 },
        { "auto", 0.5, 60 },
    };

    [Theory]
    [MemberData(nameof(Helpful))]
    public void AHelpfulSourceReachesTheTargetInFewerTrials(string sampler, double regret, int budget)
    {
        var (cold, warm) = Compare(sampler, sourceShift: 0, regret, budget);
        if (regret < 0.5)
        {
            // The stricter target lies below Hartmann6's second-best minimum (regret 0.12), where some source studies settle and
            // lead their warm starts; the others speed it up. Net, a warm start must not cost more than a quarter at the median.
            Assert.True(Median(warm) <= 1.25 * Median(cold), $"warm median {Median(warm)} vs cold {Median(cold)}");
            return;
        }

        // Hartmann6's second-best local minimum has regret 0.12, so only the looser target is within reach of every source.
        Assert.True(Median(warm) < Median(cold) / 2, $"warm median {Median(warm)} should be under half the cold median {Median(cold)}");
        Assert.True(warm.Zip(cold).Count(p => p.First < p.Second) >= 8, "warm should win on at least 8 of 10 seeds");
    }

    [Theory]
    [InlineData("tpe", 100)]
    [InlineData("cma", 150)]
    [InlineData("gp", 60)]
    public void AMisleadingSourceCostsAtMostTwiceTheTrials(string sampler, int budget)
    {
        var (cold, warm) = Compare(sampler, sourceShift: 0.35, regret: 0.5, budget);
        Assert.True(warm.Count(t => t <= budget) >= 9, "warm should still reach the target on 9 of 10 seeds");
        Assert.True(Median(warm) <= 2 * Median(cold), $"warm median {Median(warm)} vs cold {Median(cold)}");
    }

    private static Sampler Create(string sampler, int seed) => sampler switch
    {
        "tpe" => new TpeSampler(new TpeSamplerOptions { Seed = seed }),
        "cma" => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed }),
        "auto" => new AutoSampler(new AutoSamplerOptions { Seed = seed }),
        _ => new GpSampler(new GpSamplerOptions { Seed = seed }),
    };

    private static double Median(int[] values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2.0;
    }

    private (int[] Cold, int[] Warm) Compare(string sampler, double sourceShift, double regret, int budget)
    {
        var cold = new int[Seeds];
        var warm = new int[Seeds];
        for (var seed = 0; seed < Seeds; seed++)
        {
            // GP fits cost O(n³) in the rows, so its source is smaller.
            using var source = WarmStartBench.Source(seed, sampler is "gp" or "auto" ? 50 : 100, -sourceShift);
            using var coldStudy = Study.Create(new StudyOptions { Sampler = Create(sampler, seed) });
            using var warmStudy = Study.Create(new StudyOptions { Sampler = Create(sampler, seed), WarmStartFrom = [source] });
            cold[seed] = WarmStartBench.TrialsToTarget(coldStudy, regret, budget);
            warm[seed] = WarmStartBench.TrialsToTarget(warmStudy, regret, budget);
        }

        var from = sourceShift == 0 ? "unshifted Hartmann6" : $"Hartmann6 shifted by {-sourceShift}";
        output.WriteLine($"{sampler}, regret {regret}, source {from}, budget {budget} (budget + 1 = not reached)");
        output.WriteLine($"  cold: [{string.Join(", ", cold)}] median {Median(cold)}");
        output.WriteLine($"  warm: [{string.Join(", ", warm)}] median {Median(warm)}");
        return (cold, warm);
    }
}
