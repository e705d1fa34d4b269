using Attune.Pbt;
using Attune.Randomness;

namespace Attune.Tests.Pbt;

public sealed class Pb2ExplorerTests
{
    [Fact]
    public void Pb2_proposes_hyperparameters_where_segments_improved_most()
    {
        // Segments that started from a checkpoint scored 0 and improved by 1 − 4(x − 0.7)².
        var trials = new List<TrialRecord>();
        var rng = new SeededRandom(1);
        for (var i = 0; i < 24; i++)
        {
            var x = rng.NextDouble();
            var step = (i % 6) * 10L;
            trials.Add(Trial(2 * i, x, step, 0.0, parent: null));
            trials.Add(Trial((2 * i) + 1, x, step + 10, 1 - (4 * (x - 0.7) * (x - 0.7)), parent: 2 * i));
        }

        var explorer = new Pb2Explorer(OriginMember.Space, 100, StudyDirection.Maximize);
        var from = new PbtHyperparameters(new Dictionary<string, object?> { ["x"] = 0.1 });
        var proposed = explorer.Explore(PbtHistory.FromTrials(trials), from, 60, new SeededRandom(2));
        Assert.NotNull(proposed);
        Assert.InRange((double)proposed["x"]!, 0.55, 0.85);
    }

    [Fact]
    public void Pb2_without_enough_observations_leaves_explore_to_perturbation()
    {
        var explorer = new Pb2Explorer(OriginMember.Space, 100, StudyDirection.Maximize);
        var from = new PbtHyperparameters(new Dictionary<string, object?> { ["x"] = 0.1 });
        Assert.Null(explorer.Explore(PbtHistory.FromTrials([Trial(0, 0.5, 0, 1, null)]), from, 10, new SeededRandom(2)));
    }

    private static TrialRecord Trial(int number, double x, long step, double score, int? parent) => new()
    {
        Number = number,
        State = TrialState.Complete,
        Values = [score],
        Params = new Dictionary<string, object?> { ["x"] = x },
        Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1) },
        SystemAttrs = new Dictionary<string, object?>
        {
            [PbtAttributes.SegmentKey] = PbtAttributes.Write(new PbtSegment
            {
                Member = number,
                Generation = parent is null ? 0 : 1,
                TrialNumber = number,
                State = TrialState.Complete,
                Hyperparameters = new PbtHyperparameters(new Dictionary<string, object?> { ["x"] = x }),
                StartStep = step,
                EndStep = step + 10,
                ParentTrial = parent,
                ParentMember = parent,
            }),
        },
    };
}
