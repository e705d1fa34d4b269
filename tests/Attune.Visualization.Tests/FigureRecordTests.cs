namespace Attune.Visualization.Tests;

/// <summary>Every figure's record on known studies, against golden JSON, plus the facts each golden file encodes.</summary>
public sealed class FigureRecordTests
{
    public static TheoryData<string> Kinds =>
    [
        "optimization-history", "intermediate-values", "parallel-coordinate", "contour", "contour-pair", "slice", "param-importances", "edf",
        "pareto-front", "pareto-front-3d", "timeline", "rank", "hypervolume-history",
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Figure_record_matches_its_golden_file(string kind) =>
        Golden.Verify($"figure-{kind}.json", FigureJson.Serialize(Build(kind)));

    internal static Figure Build(string kind)
    {
        using var single = KnownStudies.Single();
        using var multi = KnownStudies.Multi();
        using var multi3 = KnownStudies.Multi(3);
        return kind switch
        {
            "optimization-history" => Plots.OptimizationHistory(single),
            "intermediate-values" => Plots.IntermediateValues(single),
            "parallel-coordinate" => Plots.ParallelCoordinate(single),
            "contour" => Plots.Contour(single),
            "contour-pair" => Plots.Contour(single, ["x", "lr"]),
            "slice" => Plots.Slice(single),
            "param-importances" => Plots.ParamImportances(new Dictionary<string, double> { ["x"] = 0.6, ["lr"] = 0.395, ["kind"] = 0.005 }),
            "edf" => Plots.Edf(single),
            "pareto-front" => Plots.ParetoFront(multi),
            "pareto-front-3d" => Plots.ParetoFront(multi3),
            "timeline" => Plots.Timeline(single, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(KnownStudies.Start.AddMinutes(5))),
            "rank" => Plots.Rank(single),
            "hypervolume-history" => Plots.HypervolumeHistory(multi, [4, 0]),
            _ => throw new ArgumentException(kind),
        };
    }

    [Fact]
    public void History_has_the_values_the_best_so_far_and_the_infeasible_trial()
    {
        var figure = Build("optimization-history");
        var series = figure.Panels[0].Series.Cast<ScatterSeries>().ToList();
        Assert.Equal(["Objective Value", "Best Value", "Infeasible Trial"], series.Select(s => s.Name));
        Assert.Equal([0.0, 1, 2, 4, 5], series[0].X);
        Assert.Equal([3.0, 7.5, 1.25, 0.5, 2.0], series[0].Y);
        Assert.Equal([3.0, 3, 1.25, 0.5, 0.5], series[1].Y);
        Assert.Equal(SeriesMode.Steps, series[1].Mode);
        Assert.Equal([3.0], series[2].X);
    }

    [Fact]
    public void Pareto_front_splits_best_dominated_and_infeasible_trials()
    {
        var series = Build("pareto-front").Panels[0].Series.Cast<ScatterSeries>().ToDictionary(s => s.Name);
        // Minimize objective 0, maximize objective 1: trials 0 (1, 1), 1 (2, 3), 3 (0.5, 0.2) and 4 (2.5, 3.5) are not dominated.
        Assert.Equal([1.0, 2, 0.5, 2.5], series["Best Trial"].X);
        Assert.Equal([3.0], series["Trial"].X);
        Assert.Equal([1.5], series["Infeasible Trial"].X);
        Assert.NotNull(Build("pareto-front-3d").Panels[0].Z);
    }

    [Fact]
    public void Hypervolume_grows_only_with_feasible_improvements()
    {
        var y = ((ScatterSeries)Build("hypervolume-history").Panels[0].Series[0]).Y;
        // Reference (4, 0) with objective 1 maximized: (1,1) -> 3; (2,3) adds 2x2 -> 7; (3,2) adds nothing; (0.5,0.2) adds 0.5x0.2 -> 7.1;
        // (2.5,3.5) adds 1.5x0.5 -> 7.85; the infeasible (1.5,2.5) adds nothing.
        Assert.Equal([3.0, 7, 7, 7.1, 7.85, 7.85], y.Select(v => Math.Round(v, 10)));
    }

    [Fact]
    public void Contour_is_a_matrix_with_a_blank_diagonal_for_three_parameters()
    {
        var figure = Build("contour");
        Assert.Equal(3, figure.Columns);
        Assert.Equal(9, figure.Panels.Count);
        Assert.True(figure.Panels[0].IsBlank && figure.Panels[4].IsBlank && figure.Panels[8].IsBlank);
        var contour = figure.Panels.Where(p => !p.IsBlank).SelectMany(p => p.Series).OfType<ContourSeries>().ToList();
        Assert.Equal(6, contour.Count);
        Assert.All(contour, c => Assert.All(c.Z.SelectMany(r => r), v => Assert.True(double.IsFinite(v))));
        Assert.Equal(AxisType.Log, Build("contour-pair").Panels[0].Y.Type);
    }

    [Fact]
    public void Parallel_coordinates_put_log_and_categorical_parameters_on_labelled_axes()
    {
        var series = (ParallelCoordinatesSeries)Build("parallel-coordinate").Panels[0].Series[0];
        Assert.Equal(["Objective Value", "kind", "lr", "x"], series.Dimensions.Select(d => d.Label));
        Assert.Equal(["a", "b", "c"], series.Dimensions[1].TickLabels);
        Assert.Equal(-2, series.Dimensions[2].Values[0], 10);
        Assert.True(series.ReverseScale);
    }

    [Fact]
    public void A_multi_objective_study_needs_a_target()
    {
        using var multi = KnownStudies.Multi();
        var error = Assert.Throws<ArgumentException>(() => Plots.OptimizationHistory(multi));
        Assert.Contains("needs a target", error.Message);
        Assert.Equal([1.0, 2, 3, 0.5, 2.5], ((ScatterSeries)Plots.OptimizationHistory(multi, t => t.Values![0], "Objective 0").Panels[0].Series[0]).Y);
        Assert.Throws<ArgumentException>(() => Plots.ParetoFront(KnownStudies.Single()));
        Assert.Throws<ArgumentException>(() => Plots.Contour(KnownStudies.Single(), ["x"]));
        Assert.Throws<ArgumentException>(() => Plots.Slice(KnownStudies.Single(), ["nope"]));
        Assert.Throws<ArgumentException>(() => Plots.ParamImportances(new Dictionary<string, double> { ["x"] = double.NaN }));
    }
}
