using Attune.Randomness;
using Attune.Samplers;
using Attune.Samplers.Tpe;

namespace Attune.Tests.Samplers.Tpe;

/// <summary>In a joint estimator, an integer coordinate of the kernels is not frozen at the observed values.</summary>
public class JointDiscreteBandwidthTests
{
    [Fact]
    public void Joint_kernels_move_an_integer_that_every_observation_shares()
    {
        // The default factor: without the floor the kernels would be narrower than a step (see below).
        const double BandwidthFactor = TpeSampler.DefaultGoodBandwidthFactor;
        KernelDimension[] dims =
        [
            KernelDimension.Create("x", new FloatDistribution(-5, 5)),
            KernelDimension.Create("k", new IntDistribution(1, 5)),
        ];
        using var observations = new Observations(dims.Length);
        var random = new SeededRandom(3);
        for (var i = 0; i < 6; i++)
        {
            var row = observations.Add(i);
            observations.Values[0][row] = random.NextDouble(-5, 5);
            observations.Values[1][row] = 3;
            observations.Weights[row] = 1;
        }

        using var estimator = ParzenEstimator.Build(dims, new ParamColumn?[dims.Length], observations, new EstimatorSettings(1.0, true, false, BandwidthFactor));
        const int Count = 4000;
        var points = new double[Count * dims.Length];
        estimator.Sample(new SeededRandom(5), Count, points);
        var moved = Enumerable.Range(0, Count).Count(c => points[(c * dims.Length) + 1] != 3) / (double)Count;

        // The prior kernel (weight 1/7) moves k in 4/5 of its draws, about 11 % in all. Kernels half a step wide move it in
        // about 32 % of theirs (38 % in all). Without that floor, the clip's minimum (5/8 of a step) times the default
        // factor 0.3 left k where it was in all but 11 % of all draws.
        Assert.InRange(moved, 0.3, 0.5);
    }
}
