namespace Attune.Tests.Samplers.Tpe;

/// <summary>
/// Test functions from the public benchmark set (shared/bench/FUNCTIONS.md), all minimised, with the
/// parameter names and kinds given there.
/// </summary>
internal static class BenchmarkFunctions
{
    public const double BraninOptimum = 0.39788735772973816;
    public const double Hartmann6Optimum = -3.3223680114155147;
    public const double Zdt1HypervolumeOptimum = 120.66666666666667;

    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] HartmannA =
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] HartmannP =
    {
        { 1312, 1696, 5569, 124, 8283, 5886 },
        { 2329, 4135, 8307, 3736, 1004, 9991 },
        { 2348, 1451, 3522, 2883, 3047, 6650 },
        { 4047, 8828, 8732, 5743, 1091, 381 },
    };

    public static double Branin(Trial trial)
    {
        var x0 = trial.SuggestFloat("x0", -5, 10);
        var x1 = trial.SuggestFloat("x1", 0, 15);
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        var inner = x1 - (b * x0 * x0) + (c * x0) - 6;
        return (inner * inner) + (10 * (1 - t) * Math.Cos(x0)) + 10;
    }

    public static double Hartmann6(Trial trial)
    {
        var x = new double[6];
        for (var j = 0; j < 6; j++)
        {
            x[j] = trial.SuggestFloat($"x{j}", 0, 1);
        }

        return Hartmann6Value(x, 0);
    }

    /// <summary>Hartmann6 at <paramref name="x"/> with its landscape moved by <paramref name="shift"/> in every coordinate.</summary>
    public static double Hartmann6Value(double[] x, double shift)
    {
        var f = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var s = 0.0;
            for (var j = 0; j < 6; j++)
            {
                var d = x[j] - shift - (1e-4 * HartmannP[i, j]);
                s += HartmannA[i, j] * d * d;
            }

            f -= HartmannAlpha[i] * Math.Exp(-s);
        }

        return f;
    }

    public static double Mixed8(Trial trial)
    {
        var x1 = trial.SuggestFloat("x1", -5, 5);
        var x2 = trial.SuggestFloat("x2", -5, 5);
        var x3 = trial.SuggestFloat("x3", 0, 10);
        var x4 = trial.SuggestFloat("x4", 1e-4, 1, log: true);
        var n1 = trial.SuggestInt("n1", 1, 20);
        var n2 = trial.SuggestInt("n2", 1, 1024, log: true);
        var c1 = trial.SuggestCategorical("c1", ["a", "b", "c"]);
        var c2 = trial.SuggestCategorical("c2", ["relu", "tanh", "sigmoid", "linear"]);
        var target = c1 switch { "a" => 2.0, "b" => 7.0, _ => 5.0 };
        var o1 = c1 switch { "a" => 1.0, "b" => 0.0, _ => 0.5 };
        var o2 = c2 switch { "relu" => 0.0, "tanh" => 0.3, "sigmoid" => 1.0, _ => 2.0 };
        return Square(x1 - 1) + (5 * Square(x2 - (x1 * x1))) + Square((x3 - target) / 2) + Square(Math.Log10(x4) + 2.5)
            + (Square(n1 - 13) / 10) + (Square(Math.Log2(n2) - 6) / 4) + o1 + o2;
    }

    public static double Conditional(Trial trial)
    {
        var model = trial.SuggestCategorical("model", ["svm", "gbt"]);
        if (model == "svm")
        {
            var u = Math.Log10(trial.SuggestFloat("svm_C", 1e-3, 1e3, log: true)) - 1.5;
            var v = Math.Log10(trial.SuggestFloat("svm_gamma", 1e-5, 10, log: true)) + 2.5;
            var kernel = trial.SuggestCategorical("svm_kernel", ["rbf", "poly", "sigmoid"]);
            var k = kernel switch { "rbf" => 0.0, "poly" => 0.15, _ => 0.4 };
            return 0.2 + (0.25 * Square(u + v)) + (0.05 * Square(u - v)) + k;
        }

        var depth = trial.SuggestInt("gbt_max_depth", 1, 16);
        var lr = trial.SuggestFloat("gbt_lr", 1e-3, 1, log: true);
        var estimators = trial.SuggestInt("gbt_n_estimators", 10, 1000, log: true);
        var subsample = trial.SuggestFloat("gbt_subsample", 0.3, 1.0);
        var q1 = Math.Log10(lr) + Math.Log10(estimators) - 1;
        var q2 = Math.Log10(lr) - Math.Log10(0.05);
        return Square((depth - 6) / 3.0) + (0.5 * q1 * q1) + (0.1 * q2 * q2) + (2 * Square(subsample - 0.8));
    }

    public static double[] Zdt1(Trial trial)
    {
        var x = new double[30];
        for (var i = 0; i < 30; i++)
        {
            x[i] = trial.SuggestFloat($"x{i}", 0, 1);
        }

        var g = 1 + (9 * x.Skip(1).Sum() / 29);
        return [x[0], g * (1 - Math.Sqrt(x[0] / g))];
    }

    /// <summary>The exact two-dimensional hypervolume (minimisation) of the points strictly below <paramref name="reference"/>.</summary>
    public static double Hypervolume2D(IEnumerable<IReadOnlyList<double>> points, double r0, double r1)
    {
        var sorted = points.Where(p => p[0] < r0 && p[1] < r1).OrderBy(p => p[0]).ThenBy(p => p[1]).ToList();
        var volume = 0.0;
        var floor = r1;
        foreach (var p in sorted)
        {
            if (p[1] < floor)
            {
                volume += (r0 - p[0]) * (floor - p[1]);
                floor = p[1];
            }
        }

        return volume;
    }

    private static double Square(double x) => x * x;
}
