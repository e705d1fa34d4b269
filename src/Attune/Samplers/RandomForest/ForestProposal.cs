using Attune.Forests;
using Attune.Numerics;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// One decision of a <see cref="RandomForestSampler"/>: fit the forest to the complete trials and pick the
/// point of largest expected improvement, found among random candidates and by local searches in the
/// one-exchange neighbourhood (one parameter changed at a time) from the best trials and candidates.
/// </summary>
internal sealed class ForestProposal
{
    private const int MaxSteps = 100;
    private const int NumericalNeighbours = 4;
    private const double NeighbourSpread = 0.2;
    private const int MaxCategoricalNeighbours = 16;
    private const double VarianceFloor = 1e-10;

    // Added to the min–max scaled values before the logarithm: the best trial maps to log(0.001), the worst to log(1.001).
    private const double LogOffset = 1e-3;

    private readonly ForestSearchSpace space;
    private readonly RandomForest forest;
    private readonly SeededRandom random;
    private readonly double best;
    private readonly double[] features;

    private ForestProposal(ForestSearchSpace space, RandomForest forest, SeededRandom random, double best)
    {
        this.space = space;
        this.forest = forest;
        this.random = random;
        this.best = best;
        features = new double[space.Count];
    }

    /// <summary>The point to sample next, by parameter name; <see langword="null"/> when the trials do not tell good from bad (all values equal).</summary>
    /// <param name="options">The sampler's options.</param>
    /// <param name="settings">The forest's settings.</param>
    /// <param name="space">The search space.</param>
    /// <param name="trials">The complete trials.</param>
    /// <param name="values">Their objective values, lower is better.</param>
    /// <param name="random">The trial's random stream.</param>
    public static Dictionary<string, double>? Choose(
        RandomForestSamplerOptions options, ForestSettings settings, ForestSearchSpace space, IReadOnlyList<TrialRecord> trials, double[] values, SeededRandom random)
    {
        var targets = Targets(values, options.LogObjective);
        if (targets is null)
        {
            return null;
        }

        var n = trials.Count;
        var columns = new double[space.Count][];
        for (var j = 0; j < columns.Length; j++)
        {
            columns[j] = new double[n];
        }

        var row = new double[space.Count];
        var encoded = new double[n][];
        for (var i = 0; i < n; i++)
        {
            space.Encode(trials[i], row);
            encoded[i] = [.. row];
            for (var j = 0; j < row.Length; j++)
            {
                columns[j][i] = row[j];
            }
        }

        var forest = RandomForest.Fit(new FeatureMatrix(columns), targets, settings, random.NextUInt64());
        var proposal = new ForestProposal(space, forest, random, targets.Min());
        var point = proposal.Maximize(encoded, targets, options.RandomCandidates, options.LocalSearches);
        var result = new Dictionary<string, double>(space.Count, StringComparer.Ordinal);
        for (var j = 0; j < space.Count; j++)
        {
            result[space.Names[j]] = space.ToValue(j, point[j]);
        }

        return result;
    }

    // Min–max scaled values, log-transformed if asked, then standardized; null when all are equal.
    private static double[]? Targets(double[] values, bool log)
    {
        var min = values.Min();
        var range = values.Max() - min;
        if (!(range > 0) || !double.IsFinite(range))
        {
            return null;
        }

        var targets = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var scaled = (values[i] - min) / range;
            targets[i] = log ? Math.Log(scaled + LogOffset) : scaled;
        }

        var mean = targets.Average();
        var sd = Math.Sqrt(targets.Sum(t => (t - mean) * (t - mean)) / targets.Length);
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = (targets[i] - mean) / sd;
        }

        return targets;
    }

    private double[] Maximize(double[][] trials, double[] targets, int candidates, int localSearches)
    {
        // Random candidates.
        var pool = new List<(double Score, double[] Point)>(candidates);
        for (var c = 0; c < candidates; c++)
        {
            var point = new double[space.Count];
            for (var j = 0; j < point.Length; j++)
            {
                point[j] = RandomCoordinate(j);
            }

            pool.Add((Score(point), point));
        }

        var bestPoint = pool[0].Point;
        var bestScore = double.NegativeInfinity;
        foreach (var (score, point) in pool)
        {
            if (score > bestScore)
            {
                (bestScore, bestPoint) = (score, point);
            }
        }

        // Local searches from the best trials (absent parameters filled at random) and the best candidates.
        var starts = new List<double[]>();
        foreach (var i in Enumerable.Range(0, trials.Length).OrderBy(i => targets[i]).ThenBy(i => i).Take(localSearches))
        {
            var start = (double[])trials[i].Clone();
            for (var j = 0; j < start.Length; j++)
            {
                if (start[j] == ForestSearchSpace.Missing)
                {
                    start[j] = RandomCoordinate(j);
                }
            }

            starts.Add(start);
        }

        starts.AddRange(pool.Select((p, k) => (p.Score, p.Point, k)).OrderByDescending(p => p.Score).ThenBy(p => p.k).Take(localSearches).Select(p => (double[])p.Point.Clone()));
        foreach (var start in starts)
        {
            var score = LocalSearch(start);
            if (score > bestScore)
            {
                (bestScore, bestPoint) = (score, start);
            }
        }

        return bestPoint;
    }

    // Best-improvement hill climbing in the one-exchange neighbourhood; moves the point in place.
    private double LocalSearch(double[] point)
    {
        var current = Score(point);
        var active = new double[space.Count];
        var moves = new List<(int Parameter, double Coordinate)>();
        for (var step = 0; step < MaxSteps; step++)
        {
            space.Activate(point, active);
            moves.Clear();
            for (var j = 0; j < space.Count; j++)
            {
                if (active[j] != ForestSearchSpace.Missing)
                {
                    Neighbours(j, point[j], moves);
                }
            }

            var bestMove = -1;
            var bestScore = current;
            for (var m = 0; m < moves.Count; m++)
            {
                var (j, coordinate) = moves[m];
                var saved = point[j];
                point[j] = coordinate;
                var score = Score(point);
                point[j] = saved;
                if (score > bestScore + 1e-12)
                {
                    (bestMove, bestScore) = (m, score);
                }
            }

            if (bestMove < 0)
            {
                break;
            }

            point[moves[bestMove].Parameter] = moves[bestMove].Coordinate;
            current = bestScore;
        }

        return current;
    }

    private void Neighbours(int j, double coordinate, List<(int, double)> moves)
    {
        var choices = space.Choices(j);
        if (choices > 0)
        {
            var current = (int)space.ToValue(j, coordinate);
            if (choices - 1 <= MaxCategoricalNeighbours)
            {
                for (var k = 0; k < choices; k++)
                {
                    if (k != current)
                    {
                        moves.Add((j, space.ToCoordinate(j, k)));
                    }
                }
            }
            else
            {
                for (var t = 0; t < MaxCategoricalNeighbours; t++)
                {
                    var k = random.NextInt32(choices - 1);
                    moves.Add((j, space.ToCoordinate(j, k >= current ? k + 1 : k)));
                }
            }

            return;
        }

        // Adjacent values of a discrete parameter, then Gaussian steps in the unit coordinate.
        var value = space.ToValue(j, coordinate);
        var step = space.Distribution(j) switch
        {
            IntDistribution { Log: false } i => i.Step,
            FloatDistribution { Step: { } s } => s,
            _ => 0.0,
        };
        if (step > 0)
        {
            foreach (var neighbour in (ReadOnlySpan<double>)[value - step, value + step])
            {
                if (space.Distribution(j).Contains(neighbour))
                {
                    moves.Add((j, space.ToCoordinate(j, neighbour)));
                }
            }
        }

        for (var t = 0; t < NumericalNeighbours; t++)
        {
            var u = coordinate + (NeighbourSpread * random.NextGaussian());
            for (var retry = 0; retry < 8 && (u < 0 || u > 1); retry++)
            {
                u = coordinate + (NeighbourSpread * random.NextGaussian());
            }

            var snapped = space.Snap(j, Math.Clamp(u, 0, 1));
            if (snapped != coordinate)
            {
                moves.Add((j, snapped));
            }
        }
    }

    private double RandomCoordinate(int j) => space.Snap(j, random.NextDouble());

    // log EI of the point for minimization: E[max(best − Y, 0)] with Y ~ N(mean, variance) across trees.
    private double Score(double[] point)
    {
        space.Activate(point, features);
        var (mean, variance) = forest.Predict(features);
        return ExpectedImprovement.LogEI(-mean, Math.Max(variance, VarianceFloor), -best);
    }
}
