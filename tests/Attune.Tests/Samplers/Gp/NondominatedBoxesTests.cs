using Attune.MultiObjective;
using Attune.Randomness;

namespace Attune.Tests.Samplers.Gp;

public class NondominatedBoxesTests
{
    // HVI of y by the boxes: Σ vol([l, min(u, y)]), for maximization.
    private static double Improvement(NondominatedBoxes boxes, double[] y)
    {
        var m = boxes.Objectives;
        var total = 0.0;
        for (var k = 0; k < boxes.Count; k++)
        {
            var volume = 1.0;
            for (var j = 0; j < m; j++)
            {
                volume *= Math.Max(0, Math.Min(boxes.Upper[(k * m) + j], y[j]) - boxes.Lower[(k * m) + j]);
            }

            total += volume;
        }

        return total;
    }

    // HV(P ∪ {y}) − HV(P) with the library's exact hypervolume (minimization: negate).
    private static double Reference(List<double[]> points, double[] y, double[] reference)
    {
        var negatedReference = reference.Select(v => -v).ToArray();
        var before = points.Count == 0 ? 0 : Hypervolume.Compute(points.Select(p => p.Select(v => -v).ToArray()).ToList(), negatedReference);
        var withY = points.Append(y).Select(p => p.Select(v => -v).ToArray()).ToList();
        return Hypervolume.Compute(withY, negatedReference) - before;
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 12)]
    [InlineData(3, 9)]
    [InlineData(4, 5)]
    public void Box_improvement_equals_the_hypervolume_difference(int objectives, int count)
    {
        var rng = new SeededRandom((ulong)((objectives * 100) + count));
        var points = new List<double[]>();
        for (var i = 0; i < count; i++)
        {
            // Points near the simplex so that many are mutually non-dominated, plus some dominated ones.
            var p = new double[objectives];
            var sum = 0.0;
            for (var j = 0; j < objectives; j++)
            {
                p[j] = rng.NextDouble();
                sum += p[j];
            }

            for (var j = 0; j < objectives; j++)
            {
                p[j] = (p[j] / sum) + (i % 4 == 3 ? -0.2 : 0);
            }

            points.Add(p);
        }

        var reference = Enumerable.Repeat(-0.1, objectives).ToArray();
        var flat = points.SelectMany(p => p).ToArray();
        var boxes = NondominatedBoxes.Decompose(flat, count, reference);
        Assert.True(boxes.Count <= NondominatedBoxes.CellCount(count, objectives));
        for (var t = 0; t < 40; t++)
        {
            var y = Enumerable.Range(0, objectives).Select(_ => rng.NextDouble(-0.2, 1.2)).ToArray();
            Assert.Equal(Reference(points, y, reference), Improvement(boxes, y), 10);
        }
    }

    [Fact]
    public void Two_objectives_give_the_staircase()
    {
        double[] points = [1, 3, 2, 2, 3, 1];
        var boxes = NondominatedBoxes.Decompose(points, 3, [0, 0]);
        Assert.Equal(4, boxes.Count);

        // Lower corners: (0, 3), (1, 2), (2, 1), (3, 0); upper corners unbounded in f2 and at the next f1.
        Assert.Equal([0.0, 3, 1, 2, 2, 1, 3, 0], boxes.Lower);
        Assert.Equal([1.0, double.PositiveInfinity, 2, double.PositiveInfinity, 3, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity], boxes.Upper);
    }
}
