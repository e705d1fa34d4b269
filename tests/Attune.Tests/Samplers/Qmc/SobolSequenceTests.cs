using Attune.Samplers;

namespace Attune.Tests.Samplers.Qmc;

// Reference values from SciPy 1.10.1 (Debian python3-scipy): scipy.stats.qmc.Sobol(d, scramble=False),
// which uses the same Joe-Kuo direction numbers (new-joe-kuo-6.21201) with 30 bits.
public class SobolSequenceTests
{
    // Sobol(2, scramble=False).random(8) * 8
    private static readonly int[][] Sobol2Times8 = [[0, 0], [4, 4], [6, 2], [2, 6], [3, 3], [7, 7], [5, 1], [1, 5]];

    // Sobol(5, scramble=False).random(8) * 8
    private static readonly int[][] Sobol5Times8 =
    [
        [0, 0, 0, 0, 0], [4, 4, 4, 4, 4], [6, 2, 2, 2, 6], [2, 6, 6, 6, 2],
        [3, 3, 5, 7, 3], [7, 7, 1, 3, 7], [5, 1, 7, 5, 5], [1, 5, 3, 1, 1],
    ];

    // Sobol(64, scramble=False).random(16) * 16 (its first 40 columns are Sobol(40, scramble=False)).
    private static readonly int[][] Sobol64Times16 =
    [
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        [8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8],
        [12, 4, 4, 4, 12, 12, 4, 12, 12, 12, 12, 12, 4, 4, 12, 4, 12, 4, 12, 4, 4, 12, 4, 4, 4, 12, 4, 12, 4, 12, 4, 4, 4, 12, 12, 12, 4, 4, 4, 4, 4, 12, 4, 4, 12, 4, 4, 4, 12, 12, 4, 4, 12, 4, 4, 12, 4, 12, 12, 12, 4, 12, 12, 12],
        [4, 12, 12, 12, 4, 4, 12, 4, 4, 4, 4, 4, 12, 12, 4, 12, 4, 12, 4, 12, 12, 4, 12, 12, 12, 4, 12, 4, 12, 4, 12, 12, 12, 4, 4, 4, 12, 12, 12, 12, 12, 4, 12, 12, 4, 12, 12, 12, 4, 4, 12, 12, 4, 12, 12, 4, 12, 4, 4, 4, 12, 4, 4, 4],
        [6, 6, 10, 14, 6, 2, 6, 14, 14, 10, 14, 6, 6, 10, 6, 14, 6, 14, 14, 2, 2, 2, 6, 14, 14, 14, 6, 10, 2, 2, 6, 2, 14, 14, 10, 10, 10, 14, 6, 14, 14, 10, 2, 14, 14, 2, 10, 2, 2, 6, 2, 14, 2, 6, 10, 6, 14, 6, 14, 14, 2, 6, 14, 2],
        [14, 14, 2, 6, 14, 10, 14, 6, 6, 2, 6, 14, 14, 2, 14, 6, 14, 6, 6, 10, 10, 10, 14, 6, 6, 6, 14, 2, 10, 10, 14, 10, 6, 6, 2, 2, 2, 6, 14, 6, 6, 2, 10, 6, 6, 10, 2, 10, 10, 14, 10, 6, 10, 14, 2, 14, 6, 14, 6, 6, 10, 14, 6, 10],
        [10, 2, 14, 10, 10, 14, 2, 2, 2, 6, 2, 10, 2, 14, 10, 10, 10, 10, 2, 6, 6, 14, 2, 10, 10, 2, 2, 6, 6, 14, 2, 6, 10, 2, 6, 6, 14, 10, 2, 10, 10, 6, 6, 10, 2, 6, 14, 6, 14, 10, 6, 10, 14, 2, 14, 10, 10, 10, 2, 2, 6, 10, 2, 14],
        [2, 10, 6, 2, 2, 6, 10, 10, 10, 14, 10, 2, 10, 6, 2, 2, 2, 2, 10, 14, 14, 6, 10, 2, 2, 10, 10, 14, 14, 6, 10, 14, 2, 10, 14, 14, 6, 2, 10, 2, 2, 14, 14, 2, 10, 14, 6, 14, 6, 2, 14, 2, 6, 10, 6, 2, 2, 2, 10, 10, 14, 2, 10, 6],
        [3, 5, 15, 7, 9, 5, 7, 15, 15, 5, 11, 1, 15, 15, 13, 15, 13, 13, 15, 5, 3, 11, 3, 15, 7, 1, 9, 3, 11, 15, 7, 13, 1, 15, 9, 7, 3, 13, 5, 9, 9, 1, 13, 3, 3, 5, 5, 5, 7, 1, 9, 7, 3, 15, 13, 7, 7, 9, 1, 5, 9, 1, 7, 11],
        [11, 13, 7, 15, 1, 13, 15, 7, 7, 13, 3, 9, 7, 7, 5, 7, 5, 5, 7, 13, 11, 3, 11, 7, 15, 9, 1, 11, 3, 7, 15, 5, 9, 7, 1, 15, 11, 5, 13, 1, 1, 9, 5, 11, 11, 13, 13, 13, 15, 9, 1, 15, 11, 7, 5, 15, 15, 1, 9, 13, 1, 9, 15, 3],
        [15, 1, 11, 3, 5, 9, 3, 3, 3, 9, 7, 13, 11, 11, 1, 11, 1, 9, 3, 1, 7, 7, 7, 11, 3, 13, 13, 15, 15, 3, 3, 9, 5, 3, 5, 11, 7, 9, 1, 13, 13, 13, 9, 7, 15, 1, 1, 1, 11, 13, 13, 3, 15, 11, 9, 11, 3, 5, 13, 9, 13, 13, 11, 7],
        [7, 9, 3, 11, 13, 1, 11, 11, 11, 1, 15, 5, 3, 3, 9, 3, 9, 1, 11, 9, 15, 15, 15, 3, 11, 5, 5, 7, 7, 11, 11, 1, 13, 11, 13, 3, 15, 1, 9, 5, 5, 5, 1, 15, 7, 9, 9, 9, 3, 5, 5, 11, 7, 3, 1, 3, 11, 13, 5, 1, 5, 5, 3, 15],
        [5, 3, 5, 9, 15, 7, 1, 1, 1, 15, 5, 7, 9, 5, 11, 1, 11, 3, 1, 7, 1, 9, 5, 1, 9, 15, 15, 9, 9, 13, 1, 15, 15, 1, 3, 13, 9, 3, 3, 7, 7, 11, 15, 13, 13, 7, 15, 7, 5, 7, 11, 9, 1, 9, 7, 1, 9, 15, 15, 11, 11, 7, 9, 9],
        [13, 11, 13, 1, 7, 15, 9, 9, 9, 7, 13, 15, 1, 13, 3, 9, 3, 11, 9, 15, 9, 1, 13, 9, 1, 7, 7, 1, 1, 5, 9, 7, 7, 9, 11, 5, 1, 11, 11, 15, 15, 3, 7, 5, 5, 15, 7, 15, 13, 15, 3, 1, 9, 1, 15, 9, 1, 7, 7, 3, 3, 15, 1, 1],
        [9, 7, 1, 13, 3, 11, 5, 13, 13, 3, 9, 11, 13, 1, 7, 5, 7, 7, 13, 3, 5, 5, 1, 5, 13, 3, 11, 5, 13, 1, 5, 11, 11, 13, 15, 1, 13, 7, 7, 3, 3, 7, 11, 9, 1, 3, 11, 3, 9, 11, 15, 13, 13, 13, 3, 13, 13, 3, 3, 7, 15, 11, 5, 5],
        [1, 15, 9, 5, 11, 3, 13, 5, 5, 11, 1, 3, 5, 9, 15, 13, 15, 15, 5, 11, 13, 13, 9, 13, 5, 11, 3, 13, 5, 9, 13, 3, 3, 5, 7, 9, 5, 15, 15, 11, 11, 15, 3, 1, 9, 11, 3, 11, 1, 3, 7, 5, 5, 5, 11, 5, 5, 11, 11, 15, 7, 3, 13, 13],
    ];

    public static TheoryData<int, int> GoldenCases => new() { { 2, 8 }, { 5, 8 }, { 40, 16 }, { 64, 16 } };

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Unscrambled_points_match_scipy(int dimension, int count)
    {
        var expected = dimension switch
        {
            2 => Sobol2Times8,
            5 => Sobol5Times8,
            _ => Sobol64Times16,
        };
        var sobol = new SobolSequence(dimension, scrambleSeed: null);
        var point = new double[dimension];
        for (var i = 0; i < count; i++)
        {
            sobol.Point(i, point);
            for (var d = 0; d < dimension; d++)
            {
                Assert.Equal(expected[i][d] / (double)count, point[d]);
            }
        }
    }

    [Fact]
    public void Direction_numbers_of_all_1111_dimensions_match_scipy()
    {
        // FNV-1a-style fold, dimension by dimension, of the 30-bit direction numbers v_0 .. v_29 that
        // SciPy holds in Sobol(1111, scramble=False)._sv (v_k is also point 2^(k+1) - 1, checked there).
        Assert.Equal(1111, QmcSampler.MaxSobolDimension);
        var hash = 14695981039346656037UL;
        for (var d = 0; d < 1111; d++)
        {
            var v = SobolDirectionNumbers.For(d);
            for (var k = 0; k < 30; k++)
            {
                hash ^= v[k] >> 34;
                hash *= 1099511628211UL;
            }
        }

        Assert.Equal(10892984548218094366UL, hash);
    }

    [Theory]
    [InlineData(1000L, new long[] { 235929600, 103809024, 825229312, 779091968, 397410304 })]
    [InlineData(12345L, new long[] { 688193536, 873398272, 579272704, 324861952, 462880768 })]
    [InlineData(1048583L, new long[] { 134219264, 905977344, 213094912, 983798272, 983674368 })]
    public void Skipping_ahead_in_1111_dimensions_matches_scipy_fast_forward(long index, long[] expectedTimes2To30)
    {
        // Sobol(1111, scramble=False) after fast_forward(index): dimensions 0, 1, 100, 500 and 1110, times 2^30.
        var sobol = new SobolSequence(1111, scrambleSeed: null);
        var point = new double[1111];
        sobol.Point(index, point);
        int[] dims = [0, 1, 100, 500, 1110];
        for (var k = 0; k < dims.Length; k++)
        {
            Assert.Equal(expectedTimes2To30[k] / (double)(1 << 30), point[dims[k]]);
        }
    }

    [Fact]
    public void Scrambled_points_are_deterministic_per_seed_and_differ_across_seeds()
    {
        var a = Points(new SobolSequence(6, 42), 32);
        var b = Points(new SobolSequence(6, 42), 32);
        var c = Points(new SobolSequence(6, 43), 32);
        Assert.Equal(a, b);
        for (var i = 0; i < 32; i++)
        {
            for (var d = 0; d < 6; d++)
            {
                Assert.NotEqual(a[i][d], c[i][d]);
                Assert.True(a[i][d] is >= 0 and < 1, $"coordinate {a[i][d]}");
            }
        }

        // A dimension's scramble does not depend on how many dimensions there are.
        var wider = Points(new SobolSequence(9, 42), 32);
        Assert.Equal(a.Select(p => p[..6]), wider.Select(p => p[..6]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(7UL)]
    [InlineData(123456789UL)]
    public void Every_block_of_2_to_the_k_points_has_one_point_in_each_of_2_to_the_k_intervals(ulong? seed)
    {
        // The 1-D projections are (0, m, 1)-nets in base 2: points j*2^k .. (j+1)*2^k - 1 of every
        // dimension fall one into each interval [c/2^k, (c+1)/2^k).
        const int dimension = 64;
        var sobol = new SobolSequence(dimension, seed);
        var bits = new ulong[dimension];
        foreach (var (k, start) in new[] { (4, 0L), (10, 0L), (10, 1024L * 37), (6, 64L * 1001) })
        {
            var seen = new bool[dimension, 1 << k];
            for (var i = start; i < start + (1L << k); i++)
            {
                sobol.PointBits(i, bits);
                for (var d = 0; d < dimension; d++)
                {
                    var cell = (int)(bits[d] >> (64 - k));
                    Assert.False(seen[d, cell], $"k={k}, start={start}, dimension {d}: two points in interval {cell}.");
                    seen[d, cell] = true;
                }
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(99UL)]
    public void The_first_two_dimensions_form_a_0_m_2_net(ulong? seed)
    {
        // Dimensions 0 and 1 of Sobol's sequence have quality t = 0: any 2^m consecutive aligned points put
        // exactly one point in every elementary box [a/2^p, (a+1)/2^p) x [b/2^q, (b+1)/2^q) with p + q = m.
        const int m = 8;
        var sobol = new SobolSequence(2, seed);
        var bits = new ulong[2];
        var points = new (ulong X, ulong Y)[1 << m];
        for (var i = 0; i < points.Length; i++)
        {
            sobol.PointBits(i + (3L << m), bits);
            points[i] = (bits[0], bits[1]);
        }

        for (var p = 0; p <= m; p++)
        {
            var q = m - p;
            var boxes = new HashSet<(ulong, ulong)>();
            foreach (var (x, y) in points)
            {
                Assert.True(boxes.Add((p == 0 ? 0 : x >> (64 - p), q == 0 ? 0 : y >> (64 - q))), $"p={p}, q={q}: a box holds two points.");
            }
        }
    }

    [Fact]
    public void Rejects_dimensions_outside_the_table()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SobolSequence(0, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SobolSequence(1112, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SobolSequence(2, null).Point(-1, new double[2]));
    }

    internal static double[][] Points(ILowDiscrepancySequence sequence, int count)
    {
        var points = new double[count][];
        for (var i = 0; i < count; i++)
        {
            points[i] = new double[sequence.Dimension];
            sequence.Point(i, points[i]);
        }

        return points;
    }
}
