using Attune.Samplers;

namespace Attune.Tests.Samplers.Qmc;

// Reference values from SciPy 1.10.1 (Debian python3-scipy): scipy.stats.qmc.Halton(d, scramble=False).
// SciPy sums the digits one by one in floating point; we divide once, so allow a few ulps.
public class HaltonSequenceTests
{
    private const double Ulps = 4e-16;

    // Halton(5, scramble=False).random(8)
    private static readonly double[][] Halton5 =
    [
        [0.0, 0.0, 0.0, 0.0, 0.0],
        [0.5, 0.3333333333333333, 0.2, 0.14285714285714285, 0.09090909090909091],
        [0.25, 0.6666666666666666, 0.4, 0.2857142857142857, 0.18181818181818182],
        [0.75, 0.1111111111111111, 0.6000000000000001, 0.42857142857142855, 0.2727272727272727],
        [0.125, 0.4444444444444444, 0.8, 0.5714285714285714, 0.36363636363636365],
        [0.625, 0.7777777777777777, 0.04, 0.7142857142857142, 0.4545454545454546],
        [0.375, 0.2222222222222222, 0.24000000000000002, 0.8571428571428571, 0.5454545454545454],
        [0.875, 0.5555555555555556, 0.44, 0.02040816326530612, 0.6363636363636364],
    ];

    [Fact]
    public void Unscrambled_points_match_scipy()
    {
        var points = SobolSequenceTests.Points(new HaltonSequence(5, scrambleSeed: null), 8);
        for (var i = 0; i < 8; i++)
        {
            for (var d = 0; d < 5; d++)
            {
                Assert.Equal(Halton5[i][d], points[i][d], Ulps);
            }
        }
    }

    [Theory]
    [InlineData(1000L, new[] { 0.0927734375, 0.3475080018289895, 0.00512, 0.6339956878969757, 0.21546510065032412 })]
    [InlineData(123456L, new[] { 0.00890350341796875, 0.15029325927054932, 0.26812415999999994, 0.413673645773236, 0.9655090747142201 })]
    public void Skipping_ahead_in_64_dimensions_matches_scipy_fast_forward(long index, double[] expected)
    {
        // Halton(64, scramble=False) after fast_forward(index): dimensions 0, 1, 2, 31 and 63 (bases 2, 3, 5, 131, 311).
        var halton = new HaltonSequence(64, scrambleSeed: null);
        Assert.Equal(311, halton.Bases[63]);
        var point = new double[64];
        halton.Point(index, point);
        int[] dims = [0, 1, 2, 31, 63];
        for (var k = 0; k < dims.Length; k++)
        {
            Assert.Equal(expected[k], point[dims[k]], Ulps);
        }
    }

    [Fact]
    public void First_primes()
    {
        Assert.Equal([2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31], HaltonSequence.FirstPrimes(11));
        Assert.Equal(7919, HaltonSequence.FirstPrimes(1000)[^1]);
    }

    [Fact]
    public void Scrambled_points_are_deterministic_per_seed_and_differ_across_seeds()
    {
        var a = SobolSequenceTests.Points(new HaltonSequence(6, 42), 32);
        var b = SobolSequenceTests.Points(new HaltonSequence(6, 42), 32);
        var c = SobolSequenceTests.Points(new HaltonSequence(6, 43), 32);
        Assert.Equal(a, b);
        var differing = 0;
        for (var i = 0; i < 32; i++)
        {
            for (var d = 0; d < 6; d++)
            {
                Assert.True(a[i][d] is >= 0 and < 1, $"coordinate {a[i][d]}");
                differing += a[i][d] != c[i][d] ? 1 : 0;
            }
        }

        Assert.Equal(32 * 6, differing);
        var wider = SobolSequenceTests.Points(new HaltonSequence(9, 42), 32);
        Assert.Equal(a.Select(p => p[..6]), wider.Select(p => p[..6]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(5UL)]
    [InlineData(2024UL)]
    public void Every_block_of_b_to_the_k_points_has_one_point_in_each_of_b_to_the_k_intervals(ulong? seed)
    {
        var halton = new HaltonSequence(4, seed);
        var point = new double[4];
        foreach (var (d, cells) in new[] { (0, 256), (1, 243), (2, 125), (3, 343) })
        {
            foreach (var start in new long[] { 0, cells * 7L })
            {
                var seen = new bool[cells];
                for (var i = start; i < start + cells; i++)
                {
                    halton.Point(i, point);
                    // Unscrambled points sit exactly on cell edges, where the product can round down.
                    var cell = (int)Math.Floor((point[d] * cells) + 1e-7);
                    Assert.False(seen[cell], $"dimension {d}, start {start}: two points in interval {cell} of {cells}.");
                    seen[cell] = true;
                }
            }
        }
    }
}
