using Attune.Samplers;

namespace Attune.Tests.Samplers.SearchSpace;

public class SearchSpaceTests
{
    private static Study NewStudy() => Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });

    private static void Run(Study study, Action<Trial> suggest, TrialState state = TrialState.Complete)
    {
        var trial = study.Ask();
        suggest(trial);
        if (state == TrialState.Complete)
        {
            study.Tell(trial, 0.0);
        }
        else
        {
            study.Tell(trial, state);
        }
    }

    [Fact]
    public void Intersection_keeps_parameters_every_finished_trial_has_with_the_same_distribution()
    {
        var study = NewStudy();
        var space = new IntersectionSearchSpace();
        Assert.Empty(space.Calculate(study));

        Run(study, t => { t.SuggestFloat("a", 0, 1); t.SuggestInt("b", 0, 5); t.SuggestFloat("c", 0, 1); });
        Assert.Equal(["a", "b", "c"], space.Calculate(study).Keys);

        // A running trial does not count yet; a failed one never does.
        var running = study.Ask();
        running.SuggestFloat("a", 0, 1);
        Run(study, t => t.SuggestFloat("z", 0, 1), TrialState.Fail);
        Assert.Equal(["a", "b", "c"], space.Calculate(study).Keys);

        // c's range changes (dynamic space): c leaves; the running trial finishes without b: b leaves.
        Run(study, t => { t.SuggestFloat("a", 0, 1); t.SuggestInt("b", 0, 5); t.SuggestFloat("c", 0, 2); });
        study.Tell(running, 1.0);
        var result = space.Calculate(study);
        Assert.Equal(["a"], result.Keys);
        Assert.Equal(new FloatDistribution(0, 1), result["a"]);
        Assert.Same(result, space.Calculate(study));
    }

    [Fact]
    public void Intersection_counts_pruned_trials_only_when_asked()
    {
        var study = NewStudy();
        Run(study, t => { t.SuggestFloat("a", 0, 1); t.SuggestFloat("b", 0, 1); });
        Run(study, t => t.SuggestFloat("a", 0, 1), TrialState.Pruned);
        Assert.Equal(["a", "b"], new IntersectionSearchSpace().Calculate(study).Keys);
        Assert.Equal(["a"], new IntersectionSearchSpace(includePruned: true).Calculate(study).Keys);
    }

    [Fact]
    public void A_calculator_serves_one_study()
    {
        var space = new IntersectionSearchSpace();
        space.Calculate(NewStudy());
        Assert.Throws<ArgumentException>(() => space.Calculate(NewStudy()));
        var groups = new GroupDecomposedSearchSpace();
        groups.Calculate(NewStudy());
        Assert.Throws<ArgumentException>(() => groups.Calculate(NewStudy()));
    }

    [Fact]
    public void Groups_split_a_conditional_space_into_its_branches()
    {
        var study = NewStudy();
        var groups = new GroupDecomposedSearchSpace();
        Run(study, t => { t.SuggestCategorical("model", ["svm", "gbt"]); t.SuggestFloat("C", 1, 10); t.SuggestFloat("gamma", 1, 10); });
        Assert.Equal([["C", "gamma", "model"]], groups.Calculate(study).Select(g => g.Keys.ToArray()));

        Run(study, t => { t.SuggestCategorical("model", ["svm", "gbt"]); t.SuggestInt("depth", 1, 9); t.SuggestFloat("lr", 0.1, 1); });
        Run(study, t => { t.SuggestCategorical("model", ["svm", "gbt"]); t.SuggestFloat("C", 1, 10); t.SuggestFloat("gamma", 1, 10); });
        var result = groups.Calculate(study);
        Assert.Equal([["C", "gamma"], ["depth", "lr"], ["model"]], result.Select(g => g.Keys.ToArray()));
        Assert.Equal(new IntDistribution(1, 9), result[1]["depth"]);

        // Only new trials are read: an unchanged study returns the same result.
        Assert.Same(result, groups.Calculate(study));
    }

    [Fact]
    public void Groups_do_not_depend_on_the_order_trials_finish_in()
    {
        var first = NewStudy();
        var second = NewStudy();
        var a = first.Ask();
        a.SuggestFloat("x", 0, 1);
        a.SuggestFloat("y", 0, 1);
        Run(first, t => { t.SuggestFloat("x", 0, 1); t.SuggestFloat("z", 0, 1); });
        first.Tell(a, 0.0);

        Run(second, t => { t.SuggestFloat("x", 0, 1); t.SuggestFloat("y", 0, 1); });
        Run(second, t => { t.SuggestFloat("x", 0, 1); t.SuggestFloat("z", 0, 1); });

        var fromFirst = new GroupDecomposedSearchSpace().Calculate(first).Select(g => g.Keys.ToArray()).ToArray();
        var fromSecond = new GroupDecomposedSearchSpace().Calculate(second).Select(g => g.Keys.ToArray()).ToArray();
        Assert.Equal(fromSecond, fromFirst);
        Assert.Equal([["x"], ["y"], ["z"]], fromFirst);
    }
}
