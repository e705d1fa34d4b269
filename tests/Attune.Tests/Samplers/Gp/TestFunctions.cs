namespace Attune.Tests.Samplers.Gp;

/// <summary>Objectives for the sampler tests (definitions as in the benchmark suite's FUNCTIONS.md).</summary>
internal static class TestFunctions
{
    public const double BraninOptimum = 0.39788735772973816;
    public const double Hartmann6Optimum = -3.3223680114155147;

    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] A =
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] P =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 },
        { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 },
        { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    public static double Branin(Trial trial)
    {
        var x0 = trial.SuggestFloat("x0", -5, 10);
        var x1 = trial.SuggestFloat("x1", 0, 15);
        var b = 5.1 / (4 * Math.PI * Math.PI);
        var c = 5 / Math.PI;
        var t = 1 / (8 * Math.PI);
        var u = x1 - (b * x0 * x0) + (c * x0) - 6;
        return (u * u) + (10 * (1 - t) * Math.Cos(x0)) + 10;
    }

    public static double Hartmann6(Trial trial)
    {
        var x = new double[6];
        for (var j = 0; j < 6; j++)
        {
            x[j] = trial.SuggestFloat($"x{j}", 0, 1);
        }

        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++)
            {
                inner += A[i, j] * (x[j] - P[i, j]) * (x[j] - P[i, j]);
            }

            sum -= Alpha[i] * Math.Exp(-inner);
        }

        return sum;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
    }
}
