using Attune.Samplers;

namespace Attune.Tests.Samplers;

public class PartialFixedSamplerTests
{
    [Fact]
    public void Fixed_values_are_kept_and_the_rest_comes_from_the_base_sampler()
    {
        var fixedParams = new Dictionary<string, object?> { ["x"] = 3, ["kind"] = "b", ["lr"] = 0.5 };
        var withFixed = Run(new PartialFixedSampler(fixedParams, new RandomSampler(new RandomSamplerOptions { Seed = 42 })));
        var plain = Run(new RandomSampler(new RandomSamplerOptions { Seed = 42 }));

        Assert.All(withFixed.Trials, t =>
        {
            Assert.Equal(3, t.Params["x"]);
            Assert.Equal("b", t.Params["kind"]);
            Assert.Equal(0.5, t.Params["lr"]);
        });

        // The free parameter is exactly what the seeded base sampler gives for the same trial number.
        Assert.Equal(plain.Trials.Select(t => t.Params["y"]), withFixed.Trials.Select(t => t.Params["y"]));
        Assert.True(plain.Trials.Select(t => t.Params["x"]).Distinct().Count() > 1);

        // And the whole run is reproducible.
        var again = Run(new PartialFixedSampler(fixedParams, new RandomSampler(new RandomSamplerOptions { Seed = 42 })));
        Assert.Equal(withFixed.Trials.Select(t => t.Params["y"]), again.Trials.Select(t => t.Params["y"]));
    }

    [Fact]
    public void A_fixed_value_outside_the_distribution_is_a_clear_error()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new PartialFixedSampler(new Dictionary<string, object?> { ["x"] = 30 }, new RandomSampler()),
        });

        var e = Assert.Throws<ArgumentException>(() => study.Optimize(t => t.SuggestInt("x", 0, 10), new OptimizeOptions { Trials = 1 }));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("30", e.Message, StringComparison.Ordinal);

        var wrongType = Study.Create(new StudyOptions
        {
            Sampler = new PartialFixedSampler(new Dictionary<string, object?> { ["kind"] = "z" }, new RandomSampler()),
        });
        var e2 = Assert.Throws<ArgumentException>(() => wrongType.Optimize(t => t.SuggestCategorical("kind", new[] { "a", "b" }).Length, new OptimizeOptions { Trials = 1 }));
        Assert.Contains("'kind'", e2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_sampling_and_hooks_are_delegated_without_the_fixed_names()
    {
        var inner = new RecordingSampler();
        var study = Study.Create(new StudyOptions
        {
            Sampler = new PartialFixedSampler(new Dictionary<string, object?> { ["x"] = 2 }, inner),
        });

        study.Optimize(t => t.SuggestInt("x", 0, 5) + t.SuggestInt("y", 0, 5), new OptimizeOptions { Trials = 3 });

        Assert.Equal(3, inner.Before);
        Assert.Equal(3, inner.After);
        Assert.All(inner.SpacesSeen, space => Assert.Equal(new[] { "y" }, space));
        Assert.All(study.Trials, t =>
        {
            Assert.Equal(2, t.Params["x"]);
            Assert.Equal(4, t.Params["y"]); // the relative sample, not the independent one
        });
        Assert.Equal(0, inner.IndependentCalls);
    }

    private static Study Run(Sampler sampler)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(
            t => t.SuggestInt("x", 0, 10) + t.SuggestFloat("y", -1, 1) + t.SuggestCategorical("kind", new[] { "a", "b" }).Length + t.SuggestFloat("lr", 0.001, 1, log: true),
            new OptimizeOptions { Trials = 20 });
        return study;
    }

    /// <summary>A base sampler that proposes a joint space {x, y}, samples y = 4 relatively, and counts its hooks.</summary>
    private sealed class RecordingSampler : Sampler
    {
        private readonly Lock gate = new();

        public int Before { get; private set; }

        public int After { get; private set; }

        public int IndependentCalls { get; private set; }

        public List<string[]> SpacesSeen { get; } = [];

        public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) =>
            new Dictionary<string, Distribution> { ["x"] = new IntDistribution(0, 5), ["y"] = new IntDistribution(0, 5) };

        public override IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
        {
            lock (gate)
            {
                SpacesSeen.Add([.. searchSpace.Keys.Order(StringComparer.Ordinal)]);
            }

            // Returns x as well: the partial-fixed sampler must drop it.
            return new Dictionary<string, double> { ["x"] = 5, ["y"] = 4 };
        }

        public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
        {
            lock (gate)
            {
                IndependentCalls++;
            }

            return 0;
        }

        public override void BeforeTrial(Study study, Trial trial)
        {
            lock (gate)
            {
                Before++;
            }
        }

        public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
        {
            lock (gate)
            {
                After++;
            }
        }
    }
}
