using Attune.Samplers;

namespace Attune.Tests.Samplers.RandomForest;

public class ForestSearchSpaceTests
{
    private static readonly CategoricalDistribution Model = new(["svm", "gbt"]);
    private static readonly FloatDistribution Unit = new(0, 1);

    private static TrialRecord Trial(params (string Name, double Value, Distribution Distribution)[] parameters) => new()
    {
        State = TrialState.Complete,
        Value = 0,
        InternalParams = parameters.ToDictionary(p => p.Name, p => p.Value),
        Distributions = parameters.ToDictionary(p => p.Name, p => p.Distribution),
    };

    [Fact]
    public void A_branch_parameter_is_absent_exactly_where_its_parent_choice_leaves_it_out()
    {
        TrialRecord[] trials =
        [
            Trial(("model", 0, Model), ("c", 0.3, Unit)),
            Trial(("model", 1, Model), ("depth", 0.7, Unit)),
            Trial(("model", 0, Model), ("c", 0.9, Unit)),
        ];
        var inferred = ForestSearchSpace.Infer(trials);
        var space = ForestSearchSpace.Create(inferred, trials);

        Assert.Equal(["c", "depth", "model"], space.Names);
        var features = new double[3];
        space.Activate([0.5, 0.5, space.ToCoordinate(2, 0)], features);
        Assert.Equal([0.5, ForestSearchSpace.Missing, 0.25], features);
        space.Activate([0.5, 0.5, space.ToCoordinate(2, 1)], features);
        Assert.Equal([ForestSearchSpace.Missing, 0.5, 0.75], features);
    }

    [Fact]
    public void A_parameter_whose_distribution_changed_is_left_out()
    {
        TrialRecord[] trials =
        [
            Trial(("x", 0.3, Unit), ("y", 0.3, Unit)),
            Trial(("x", 1.5, new FloatDistribution(0, 2)), ("y", 0.3, Unit)),
        ];

        Assert.Equal(["y"], ForestSearchSpace.Infer(trials).Keys);
    }
}
