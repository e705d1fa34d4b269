using System.Text;
using Attune.Storage.Journal;

namespace Attune.Tests.Storage.Journal;

/// <summary>JSON as Python's json module writes and reads it (expected texts are Python 3's own output).</summary>
public sealed class PythonJsonTests
{
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.5e-07, "1.5e-07")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(100.0, "100.0")]
    [InlineData(2.220446049250313e-16, "2.220446049250313e-16")]
    [InlineData(-1234.5678, "-1234.5678")]
    [InlineData(9007199254740993.0, "9007199254740992.0")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e22, "1e+22")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Floats_are_written_as_Pythons_repr(double value, string python)
    {
        Assert.Equal(python, PythonJsonWriter.FormatDouble(value));
        var read = PythonJsonReader.Parse(Encoding.ASCII.GetBytes(python));
        Assert.Equal(value, Assert.IsType<double>(read));
    }

    [Fact]
    public void Strings_and_structures_are_written_as_json_dumps_does()
    {
        var writer = new PythonJsonWriter();
        writer.Value("é\"\\\n\t\u0001\u007f😀<>&/");
        Assert.Equal("\"\\u00e9\\\"\\\\\\n\\t\\u0001\\u007f\\ud83d\\ude00<>&/\"", writer.ToString());

        writer = new PythonJsonWriter();
        writer.Value(new Dictionary<string, object?> { ["a"] = new List<object?> { 1L, null, true }, ["b"] = new Dictionary<string, object?>() });
        Assert.Equal("{\"a\": [1, null, true], \"b\": {}}", writer.ToString());
    }

    [Fact]
    public void Bare_non_finite_tokens_are_read_as_numbers_and_quoted_ones_stay_strings()
    {
        var value = PythonJsonReader.Parse("{\"a\": NaN, \"b\": [Infinity, -Infinity], \"c\": \"NaN\", \"d\": \"x\\\" NaN\", \"e\": 1, \"f\": 1.0, \"g\": 1e400}"u8);
        var map = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.True(double.IsNaN(Assert.IsType<double>(map["a"])));
        Assert.Equal(new List<object?> { double.PositiveInfinity, double.NegativeInfinity }, map["b"]);
        Assert.Equal("NaN", map["c"]);
        Assert.Equal("x\" NaN", map["d"]);
        Assert.Equal(1L, map["e"]);
        Assert.Equal(1.0, Assert.IsType<double>(map["f"]));
        Assert.Equal(double.PositiveInfinity, map["g"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"a\": }")]
    [InlineData("{\"a\": 1} {\"b\": 2}")]
    [InlineData("{\"a\": nan}")]
    [InlineData("{\"a\": \"\\ud800\"}")]
    public void Invalid_json_is_a_FormatException(string text)
    {
        Assert.Throws<FormatException>(() => PythonJsonReader.Parse(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("{\"name\": \"UniformDistribution\", \"attributes\": {\"low\": 0.0, \"high\": 1.0}}", "FloatDistribution(low=0, high=1, log=false, step=null)")]
    [InlineData("{\"name\": \"LogUniformDistribution\", \"attributes\": {\"low\": 0.1, \"high\": 1.0}}", "FloatDistribution(low=0.1, high=1, log=true, step=null)")]
    [InlineData("{\"name\": \"DiscreteUniformDistribution\", \"attributes\": {\"low\": 0.0, \"high\": 1.0, \"q\": 0.25}}", "FloatDistribution(low=0, high=1, log=false, step=0.25)")]
    [InlineData("{\"name\": \"IntUniformDistribution\", \"attributes\": {\"low\": 0, \"high\": 10, \"step\": 2}}", "IntDistribution(low=0, high=10, log=false, step=2)")]
    [InlineData("{\"name\": \"IntLogUniformDistribution\", \"attributes\": {\"low\": 1, \"high\": 8, \"step\": 1}}", "IntDistribution(low=1, high=8, log=true, step=1)")]
    [InlineData("{\"type\": \"categorical\", \"choices\": [\"a\", 1]}", "CategoricalDistribution(choices=[\"a\", 1])")]
    [InlineData("{\"type\": \"float\", \"low\": 0, \"high\": 2, \"step\": 0.5}", "FloatDistribution(low=0, high=2, log=false, step=0.5)")]
    [InlineData("{\"type\": \"int\", \"low\": 1, \"high\": 9, \"log\": true}", "IntDistribution(low=1, high=9, log=true, step=1)")]
    public void Older_and_abbreviated_distribution_forms_are_read(string json, string expected)
    {
        Assert.Equal(expected, OptunaDistributionJson.Parse(json).ToString());
    }

    [Theory]
    [InlineData("{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 2.0, \"high\": 1.0, \"log\": false}}")]
    [InlineData("{\"name\": \"NoSuchDistribution\", \"attributes\": {}}")]
    [InlineData("{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [[1]]}}")]
    [InlineData("{\"name\": \"IntDistribution\", \"attributes\": {\"log\": false, \"step\": 1, \"low\": 0.5, \"high\": 2}}")]
    [InlineData("[]")]
    public void Invalid_distributions_are_a_FormatException(string json)
    {
        Assert.Throws<FormatException>(() => OptunaDistributionJson.Parse(json));
    }
}
