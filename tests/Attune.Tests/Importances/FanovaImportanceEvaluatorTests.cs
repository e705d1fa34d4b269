using Attune.Importances;

namespace Attune.Tests.Importances;

public class FanovaImportanceEvaluatorTests
{
    private static readonly FanovaImportanceEvaluator Seeded = new(new FanovaImportanceEvaluatorOptions { Seed = 3 });

    [Fact]
    public void Recovers_the_shares_of_an_additive_function()
    {
        var importances = Seeded.Evaluate(ImportanceStudies.Additive(1000));

        Assert.Equal(["x1", "x2", "x3"], importances.Keys);
        Assert.InRange(importances["x1"], 0.87, 0.93);
        Assert.InRange(importances["x2"], 0.07, 0.13);
        Assert.InRange(importances["x3"], 0, 0.01);
        Assert.Equal(1, importances.Values.Sum(), 12);
    }

    [Fact]
    public void Recovers_the_share_of_a_categorical_parameter()
    {
        var importances = Seeded.Evaluate(ImportanceStudies.CategoricalPlusFloat(600));

        var expected = 2 / (2 + (1.0 / 12));
        Assert.InRange(importances["c"], expected - 0.03, expected + 0.03);
        Assert.InRange(importances["x"], 1 - expected - 0.03, 1 - expected + 0.03);
    }

    [Fact]
    public void A_conditional_parameter_counts_through_its_missing_value()
    {
        var importances = Seeded.Evaluate(ImportanceStudies.Conditional(800));

        // The branch and xa (missing in branch b) carry the variance; xb and noise do nothing.
        Assert.True(importances["xa"] > 0.3, string.Join(", ", importances));
        Assert.True(importances["xb"] < 0.05 + importances["branch"], string.Join(", ", importances));
        Assert.True(importances["noise"] < 0.01, string.Join(", ", importances));
    }

    [Fact]
    public void Same_seed_gives_the_same_result_and_another_seed_a_close_one()
    {
        var study = ImportanceStudies.Additive(300);

        var first = Seeded.Evaluate(study);
        var again = new FanovaImportanceEvaluator(new FanovaImportanceEvaluatorOptions { Seed = 3 }).Evaluate(study);
        var other = new FanovaImportanceEvaluator(new FanovaImportanceEvaluatorOptions { Seed = 4 }).Evaluate(study);

        Assert.Equal(first, again);
        Assert.NotEqual(first["x1"], other["x1"]);
        Assert.Equal(first["x1"], other["x1"], 0.03);
    }

    [Fact]
    public void Evaluates_only_the_named_parameters()
    {
        var importances = Seeded.Evaluate(ImportanceStudies.Additive(300), ["x3", "x2"]);

        Assert.Equal(["x2", "x3"], importances.Keys);
        Assert.Equal(1, importances.Values.Sum(), 12);
    }

    [Fact]
    public void A_constant_target_gives_zero_everywhere()
    {
        var importances = Seeded.Evaluate(ImportanceStudies.Additive(50), target: _ => 1.0);

        Assert.All(importances.Values, v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(0, 64, 2, 1, "Trees")]
    [InlineData(64, 0, 2, 1, "MaxDepth")]
    [InlineData(64, 64, 1, 1, "MinSamplesSplit")]
    [InlineData(64, 64, 2, 0, "MinSamplesLeaf")]
    public void Rejects_options_out_of_range(int trees, int depth, int split, int leaf, string name)
    {
        var e = Assert.Throws<ArgumentException>(() => new FanovaImportanceEvaluator(new FanovaImportanceEvaluatorOptions
        {
            Trees = trees,
            MaxDepth = depth,
            MinSamplesSplit = split,
            MinSamplesLeaf = leaf,
        }));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }
}
