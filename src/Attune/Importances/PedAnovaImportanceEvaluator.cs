using System.Globalization;

namespace Attune.Importances;

/// <summary>
/// PED-ANOVA importance (Watanabe, Bansal and Hutter, "PED-ANOVA: Efficiently Quantifying Hyperparameter
/// Importance in Arbitrary Subspaces", IJCAI 2023), the default of <see cref="Importance.Evaluate"/> as of
/// Optuna 5: for each parameter, the Pearson divergence between its density among the best trials (the top
/// <see cref="PedAnovaImportanceEvaluatorOptions.BaselineQuantile"/>) and its density among all trials.
/// A parameter whose good values are spread like all its values matters little; one whose good values
/// crowd in one region matters much.
/// </summary>
/// <remarks>
/// Densities are Parzen estimates on a grid: 100 cells of [0, 1] for a continuous parameter (log
/// parameters in log space), one cell per value of a categorical parameter or a discrete one with at most
/// 100 values, and one more cell for trials that lack the parameter. Numerical densities are smoothed with a
/// Gaussian kernel of Scott's bandwidth; every density has a uniform prior worth one trial. The divergence is
/// Σ_g p_all(g)·(p_top(g)/p_all(g) − 1)², normalized over parameters. Deterministic; cost O(trials + cells²)
/// per parameter, so it suits very large studies.
/// </remarks>
public sealed class PedAnovaImportanceEvaluator : ImportanceEvaluator
{
    private const int GridCells = 100;
    private readonly PedAnovaImportanceEvaluatorOptions options;

    /// <summary>Creates the evaluator with the default options (top 10 %, local baseline).</summary>
    public PedAnovaImportanceEvaluator()
        : this(new PedAnovaImportanceEvaluatorOptions())
    {
    }

    /// <summary>Creates the evaluator.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="PedAnovaImportanceEvaluatorOptions.BaselineQuantile"/> is not in (0, 1], or <see cref="PedAnovaImportanceEvaluatorOptions.TargetDirection"/> is not a direction.</exception>
    public PedAnovaImportanceEvaluator(PedAnovaImportanceEvaluatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.BaselineQuantile > 0 && options.BaselineQuantile <= 1))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"BaselineQuantile must be in (0, 1], but got {options.BaselineQuantile}."), nameof(options));
        }

        if (options.TargetDirection is { } direction && !Enum.IsDefined(direction))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"TargetDirection {(int)direction} is not a StudyDirection."), nameof(options));
        }

        this.options = options;
    }

    private protected override StudyDirection? TargetDirection => options.TargetDirection;

    private protected override double[] Compute(ImportanceData data)
    {
        var n = data.Count;
        var result = new double[data.Columns.Count];
        if (n < 2)
        {
            return result;
        }

        var targets = data.Targets;
        var order = Enumerable.Range(0, n).ToArray();
        var sign = data.LowerIsBetter ? 1.0 : -1.0;
        var keys = targets.Select(t => sign * t).ToArray();
        Array.Sort(keys, order);
        var topCount = Math.Clamp((int)Math.Ceiling(options.BaselineQuantile * n), 1, n);
        var top = order[..topCount];
        var all = Enumerable.Range(0, n).ToArray();
        for (var j = 0; j < result.Length; j++)
        {
            var column = data.Columns[j];
            var topDensity = Density(column, top);
            var baseline = options.EvaluateOnLocal ? Density(column, all) : Uniform(column);
            var divergence = 0.0;
            for (var g = 0; g < baseline.Length; g++)
            {
                divergence += topDensity[g] * topDensity[g] / baseline[g];
            }

            result[j] = Math.Max(0, divergence - 1);
        }

        return result;
    }

    private static int Cells(ParameterColumn column) => column.Cells > 0 ? column.Cells : GridCells;

    private static int Bins(ParameterColumn column) => Cells(column) + (column.MissingFraction > 0 ? 1 : 0);

    private static int Cell(double u, int cells) => Math.Clamp((int)Math.Floor(u * cells), 0, cells - 1);

    // The baseline of global importance: the missing fraction of all trials, the rest uniform.
    private static double[] Uniform(ParameterColumn column)
    {
        var cells = Cells(column);
        var density = new double[Bins(column)];
        var present = 1 - column.MissingFraction;
        for (var g = 0; g < cells; g++)
        {
            density[g] = present / cells;
        }

        if (density.Length > cells)
        {
            density[cells] = column.MissingFraction;
        }

        return Smallest(density);
    }

    // A Parzen density over the column's bins from the given trials, with a uniform prior worth one trial.
    private static double[] Density(ParameterColumn column, int[] trials)
    {
        var cells = Cells(column);
        var bins = Bins(column);
        var counts = new double[bins];
        double sum = 0, squares = 0;
        var present = 0;
        foreach (var i in trials)
        {
            var u = column.Values[i];
            if (u == ParameterColumn.Missing)
            {
                counts[cells]++;
                continue;
            }

            counts[Cell(u, cells)]++;
            sum += u;
            squares += u * u;
            present++;
        }

        var density = new double[bins];
        if (!column.IsCategorical && present > 0)
        {
            var mean = sum / present;
            var sd = Math.Sqrt(Math.Max(0, (squares / present) - (mean * mean)));
            var bandwidth = Math.Max(1.059 * sd * Math.Pow(present, -0.2), 1.0 / cells);
            Smooth(counts, density, cells, bandwidth);
        }
        else
        {
            Array.Copy(counts, density, cells);
        }

        if (bins > cells)
        {
            density[cells] = counts[cells];
        }

        var total = trials.Length + 1.0;
        for (var g = 0; g < bins; g++)
        {
            density[g] = (density[g] + (1.0 / bins)) / total;
        }

        return density;
    }

    // Spreads each cell's count over the cells with a Gaussian kernel truncated to [0, 1].
    private static void Smooth(double[] counts, double[] density, int cells, double bandwidth)
    {
        var kernel = new double[cells];
        for (var a = 0; a < cells; a++)
        {
            if (counts[a] == 0)
            {
                continue;
            }

            var mass = 0.0;
            for (var b = 0; b < cells; b++)
            {
                var z = (b - a) / (cells * bandwidth);
                kernel[b] = Math.Exp(-0.5 * z * z);
                mass += kernel[b];
            }

            var scale = counts[a] / mass;
            for (var b = 0; b < cells; b++)
            {
                density[b] += kernel[b] * scale;
            }
        }
    }

    private static double[] Smallest(double[] density)
    {
        for (var g = 0; g < density.Length; g++)
        {
            density[g] = Math.Max(density[g], 1e-12);
        }

        return density;
    }
}
