namespace Attune.Cli.Tests;

/// <summary>The pieces of the CLI that parse text: program output, search spaces, component specs, durations.</summary>
public sealed class ParserTests
{
    [Fact]
    public void The_result_is_the_last_number_on_standard_output()
    {
        var parser = new TrialOutputParser(1);
        Assert.Null(parser.Feed("epoch 1/10 loss=0.5"));
        Assert.Null(parser.Feed("accuracy: 0.91 (best)"));
        Assert.Null(parser.Feed("done"));
        Assert.Equal([0.91], parser.Values);
    }

    [Fact]
    public void Step_lines_are_intermediate_values_and_value_lines_are_results()
    {
        var parser = new TrialOutputParser(1);
        Assert.Equal((3L, 0.25), parser.Feed("""{"step": 3, "value": 0.25}"""));
        Assert.Null(parser.Values);
        parser.Feed("""{"value": 1.5}""");
        Assert.Equal([1.5], parser.Values);
        Assert.Throws<FormatException>(() => parser.Feed("""{"step": -1, "value": 1}"""));
        Assert.Throws<FormatException>(() => parser.Feed("""{"step": 1}"""));
    }

    [Fact]
    public void Several_objectives_take_the_last_numbers_or_a_values_line()
    {
        var parser = new TrialOutputParser(2);
        parser.Feed("1 2 3");
        Assert.Equal([2.0, 3.0], parser.Values);
        parser.Feed("""{"values": [5, -1e-3]}""");
        Assert.Equal([5.0, -0.001], parser.Values);
    }

    [Fact]
    public void A_YAML_search_space_keeps_its_order_and_types()
    {
        var space = SearchSpaceParser.FromTree(DocumentTree.Parse(
            "# comment\nlr: {type: float, low: 1e-4, high: 0.1, log: true}\nlayers:\n  type: int\n  low: 1\n  high: 8\n  step: 1\nact: [relu, 'tanh', 1, true, null]\n",
            "test", yaml: true), "test");
        Assert.Equal(["lr", "layers", "act"], space.Parameters.Select(p => p.Key));
        Assert.Equal(new FloatDistribution(1e-4, 0.1, log: true), space.Parameters[0].Value);
        Assert.Equal(new IntDistribution(1, 8), space.Parameters[1].Value);
        var act = Assert.IsType<CategoricalDistribution>(space.Parameters[2].Value);
        Assert.Equal(["relu", "tanh", 1L, true, null], act.Choices);
    }

    [Fact]
    public void Bad_YAML_is_a_bad_input_error()
    {
        var error = Assert.Throws<CliException>(() => DocumentTree.Parse("a: [1, 2\nb: 3", "the file", yaml: true));
        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
        Assert.Contains("the file is not valid YAML", error.Message);
    }

    [Fact]
    public void Component_specs_carry_options_and_reject_unknown_ones()
    {
        Assert.IsType<Attune.Pruners.MedianPruner>(PrunerRegistry.Create("median:startup_trials=2,warmup-steps=1"));
        Assert.IsType<Attune.Pruners.NopPruner>(PrunerRegistry.Create("NOP"));
        Assert.Null(PrunerRegistry.Create(null));
        Assert.Null(SamplerRegistry.Create(null, null, null));
        Assert.IsType<Attune.Samplers.AutoSampler>(SamplerRegistry.Create(null, 5, null));
        Assert.IsType<Attune.Samplers.TpeSampler>(SamplerRegistry.Create("tpe:multivariate=false,startup_trials=5", 1, null));
        Assert.IsType<Attune.Samplers.QmcSampler>(SamplerRegistry.Create("qmc:type=halton,scramble=false", 1, null));
        Assert.Contains("median has no option startup", Assert.Throws<CliException>(() => PrunerRegistry.Create("median:startup=2")).Message);
        Assert.Contains("must be a whole number", Assert.Throws<CliException>(() => PrunerRegistry.Create("median:startup_trials=x")).Message);
        Assert.Contains("StartupTrials must be >= 0", Assert.Throws<CliException>(() => PrunerRegistry.Create("median:startup_trials=-1")).Message);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("1.5", 1.5)]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    public void Durations_are_seconds_or_have_a_unit(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationParser.Parse(text, "--timeout"));

    [Theory]
    [InlineData("0")]
    [InlineData("-3s")]
    [InlineData("soon")]
    public void Bad_durations_are_usage_errors(string text) =>
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => DurationParser.Parse(text, "--timeout")).ExitCode);
}
