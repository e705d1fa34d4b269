using Attune.Samplers;
using Xunit.Abstractions;

namespace Attune.Tests.Samplers.Tpe;

public class ConstantLiarTests(ITestOutputHelper output)
{
    /// <summary>
    /// Four workers ask (and suggest) before any of them tells, as parallel workers do, on several
    /// seeded Branin studies. Returns the number of near-duplicate pairs (closer than 3% of the range)
    /// and the mean distance from each point to its closest other point (in units of the range).
    /// </summary>
    private static (int Duplicates, double MeanClosest) FourWorkers(bool constantLiar)
    {
        var duplicates = 0;
        var closestSum = 0.0;
        const int seeds = 20;
        for (var seed = 0; seed < seeds; seed++)
        {
            var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed, ConstantLiar = constantLiar }) });
            study.Optimize(BenchmarkFunctions.Branin, new OptimizeOptions { Trials = 50 });
            var points = new List<(double X, double Y)>();
            for (var worker = 0; worker < 4; worker++)
            {
                var trial = study.Ask();
                points.Add((trial.SuggestFloat("x0", -5, 10) / 15, trial.SuggestFloat("x1", 0, 15) / 15));
            }

            for (var i = 0; i < points.Count; i++)
            {
                var closest = double.PositiveInfinity;
                for (var j = 0; j < points.Count; j++)
                {
                    if (i == j)
                    {
                        continue;
                    }

                    var distance = Math.Sqrt(Math.Pow(points[i].X - points[j].X, 2) + Math.Pow(points[i].Y - points[j].Y, 2));
                    closest = Math.Min(closest, distance);
                    if (j > i && distance < 0.03)
                    {
                        duplicates++;
                    }
                }

                closestSum += closest;
            }
        }

        return (duplicates, closestSum / (4 * seeds));
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Running_trials_push_other_workers_away()
    {
        // With the liar, running trials count as bad observations, so later workers avoid the earlier
        // workers' points; without it all four maximise the same l/g and often land on top of each other.
        var liar = FourWorkers(constantLiar: true);
        var alone = FourWorkers(constantLiar: false);
        output.WriteLine($"near-duplicate pairs: {liar.Duplicates} with the liar, {alone.Duplicates} without; mean closest distance {liar.MeanClosest:F4} vs {alone.MeanClosest:F4}");
        Assert.True(alone.Duplicates >= 6, $"near-duplicate pairs: {liar.Duplicates} with the liar, {alone.Duplicates} without");
        Assert.True(liar.Duplicates * 3 <= alone.Duplicates, $"near-duplicate pairs: {liar.Duplicates} with the liar, {alone.Duplicates} without");
        Assert.True(liar.MeanClosest > alone.MeanClosest, $"closest-neighbour distance: {liar.MeanClosest:F4} with the liar, {alone.MeanClosest:F4} without");
    }
}
