using Attune.Samplers;
using Attune.Storage;
using static Attune.Tests.Samplers.Nsga.NsgaTestData;

namespace Attune.Tests.Samplers.Nsga;

public class NsgaSamplerTests
{
    private static readonly string[] Colors = ["red", "green", "blue"];

    private static Study MultiObjective(Sampler sampler, IStorage? storage = null, string? name = null) => Study.Create(new StudyOptions
    {
        Name = name,
        StorageInstance = storage,
        Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
        Sampler = sampler,
    });

    private static double[] Mixed(Trial t)
    {
        var x = t.SuggestFloat("x", -5, 5);
        var lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
        var q = t.SuggestFloat("q", 0, 1, step: 0.1);
        var n = t.SuggestInt("n", 1, 64, log: true);
        var k = t.SuggestInt("k", 0, 30, step: 3);
        var color = t.SuggestCategorical("color", Colors);
        var penalty = color == "red" ? 0 : 1;
        return [(x * x) + q + penalty, ((x - 2) * (x - 2)) + Math.Log10(lr) + (n / 64.0) + (k / 30.0)];
    }

    [Fact]
    public void Serial_trials_fill_generations_in_order_and_breed_from_the_recorded_elite()
    {
        var study = MultiObjective(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 3, PopulationSize = 10 }));
        study.Optimize(Mixed, new OptimizeOptions { Trials = 45 });

        var trials = study.Trials;
        for (var i = 0; i < trials.Count; i++)
        {
            Assert.Equal((long)(i / 10), trials[i].SystemAttrs[NsgaIISampler.GenerationKey]);
        }

        Assert.DoesNotContain(NsgaIISampler.ParentsKey, trials[9].SystemAttrs.Keys);
        for (var g = 0; g < 4; g++)
        {
            var record = (IReadOnlyDictionary<string, object?>)study.SystemAttrs[NsgaIISampler.PopulationKeyPrefix + g]!;
            Assert.Equal(1L, record["version"]);
            Assert.Equal(Enumerable.Range(10 * g, 10).Select(n => (object?)(long)n), (IReadOnlyList<object?>)record["members"]!);
            var elite = ((IReadOnlyList<object?>)record["elite"]!).Select(v => (int)(long)v!).ToArray();
            Assert.Equal(10, elite.Length);
            foreach (var child in trials.Where(t => (long)t.SystemAttrs[NsgaIISampler.GenerationKey]! == g + 1))
            {
                var parents = ((IReadOnlyList<object?>)child.SystemAttrs[NsgaIISampler.ParentsKey]!).Select(v => (int)(long)v!).ToArray();
                Assert.Equal(2, parents.Length);
                Assert.NotEqual(parents[0], parents[1]);
                Assert.All(parents, p => Assert.Contains(p, elite));
            }
        }

        Assert.False(study.SystemAttrs.ContainsKey(NsgaIISampler.PopulationKeyPrefix + 4));
    }

    [Fact]
    public void The_elite_keeps_the_best_of_the_previous_elite_and_the_new_generation()
    {
        var study = MultiObjective(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 8, PopulationSize = 10 }));
        study.Optimize(t => Zdt1(t, 5), new OptimizeOptions { Trials = 60 });
        var trials = study.Trials;
        IReadOnlyList<int> Elite(int g) => ((IReadOnlyList<object?>)((IReadOnlyDictionary<string, object?>)study.SystemAttrs[NsgaIISampler.PopulationKeyPrefix + g]!)["elite"]!)
            .Select(v => (int)(long)v!).ToArray();
        for (var g = 1; g < 5; g++)
        {
            var pool = Elite(g - 1).Concat(Enumerable.Range(10 * g, 10)).ToArray();
            var elite = Elite(g);
            Assert.All(elite, n => Assert.Contains(n, pool));

            // Nothing left out of the elite dominates a member of it.
            foreach (var outside in pool.Except(elite))
            {
                Assert.DoesNotContain(elite, n => Attune.MultiObjective.ParetoFront.Dominates(trials[outside].Values!.ToArray(), trials[n].Values!.ToArray()));
            }
        }
    }

    [Theory]
    [InlineData("uniform")]
    [InlineData("blx")]
    [InlineData("sbx")]
    [InlineData("vsbx")]
    [InlineData("undx")]
    [InlineData("spx")]
    public void Every_crossover_gives_parameters_inside_their_distributions(string name)
    {
        ICrossover crossover = name switch
        {
            "uniform" => new UniformCrossover(),
            "blx" => new BlxAlphaCrossover(0.5),
            "sbx" => new SbxCrossover(),
            "vsbx" => new VsbxCrossover(),
            "undx" => new UndxCrossover(),
            _ => new SpxCrossover(epsilon: 6), // wide: many children leave the cube and are retried, then clamped
        };
        var study = MultiObjective(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 5, PopulationSize = 8, Crossover = crossover }));
        study.Optimize(Mixed, new OptimizeOptions { Trials = 80 });
        foreach (var trial in study.Trials)
        {
            Assert.Equal(TrialState.Complete, trial.State);
            foreach (var (param, distribution) in trial.Distributions)
            {
                Assert.True(distribution.Contains(trial.InternalParams[param]), $"{name}, trial {trial.Number}: {param} = {trial.InternalParams[param]} is outside {distribution}");
            }
        }

        Assert.True(study.Trials.Skip(8).Select(t => t.Params["color"]).Distinct().Count() > 1);
    }

    [Fact]
    public void A_seed_gives_the_same_trials_and_another_seed_other_ones()
    {
        static IReadOnlyList<TrialRecord> Run(int seed, Func<int, Sampler> create)
        {
            var study = MultiObjective(create(seed));
            study.Optimize(Mixed, new OptimizeOptions { Trials = 60 });
            return study.Trials;
        }

        foreach (var create in new Func<int, Sampler>[]
        {
            s => new NsgaIISampler(new NsgaIISamplerOptions { Seed = s, PopulationSize = 12 }),
            s => new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = s, PopulationSize = 12 }),
        })
        {
            var a = Run(1, create);
            var b = Run(1, create);
            var c = Run(2, create);
            for (var i = 0; i < a.Count; i++)
            {
                Assert.Equal(a[i].Params, b[i].Params);
                Assert.Equal(a[i].SystemAttrs, b[i].SystemAttrs);
            }

            Assert.NotEqual(a[30].Params, c[30].Params);
        }
    }

    [Fact]
    public void Four_parallel_workers_run_without_errors_and_agree_on_every_generation()
    {
        using var storage = new JitterStorage();
        var study = MultiObjective(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 4, PopulationSize = 10 }), storage, "parallel");
        study.Optimize(t => Zdt1(t, 6), new OptimizeOptions { Trials = 200, Parallelism = 4 });
        AssertConsistentGenerations(study, NsgaIISampler.GenerationKey, NsgaIISampler.ParentsKey, NsgaIISampler.PopulationKeyPrefix, 10);
    }

    [Fact]
    public async Task Workers_with_their_own_samplers_on_one_storage_breed_from_the_same_elites()
    {
        // Separate sampler objects share nothing in memory: they agree only through the study's attributes, as processes do.
        using var storage = new JitterStorage();
        _ = MultiObjective(new NsgaIIISampler(), storage, "shared");
        var workers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var study = Study.Load("shared", storage, new NsgaIIISampler(new NsgaIIISamplerOptions { PopulationSize = 8 }));
            study.Optimize(t => Zdt1(t, 6), new OptimizeOptions { Trials = 50, Parallelism = 2 });
        })).ToArray();
        await Task.WhenAll(workers);
        var all = Study.Load("shared", storage);
        Assert.Equal(150, all.Trials.Count);
        AssertConsistentGenerations(all, NsgaIIISampler.GenerationKey, NsgaIIISampler.ParentsKey, NsgaIIISampler.PopulationKeyPrefix, 8);
    }

    [Fact]
    public void Constraints_are_written_for_complete_trials_and_steer_the_search_to_the_feasible_region()
    {
        // Feasible only where x + y >= 1.5 (an eighth of the square); minimize (x, y).
        var calls = 0;
        var study = MultiObjective(new NsgaIISampler(new NsgaIISamplerOptions
        {
            Seed = 2,
            PopulationSize = 20,
            Constraints = t =>
            {
                Interlocked.Increment(ref calls);
                Assert.Equal(TrialState.Complete, t.State);
                Assert.Equal(2, t.Values!.Count);
                return [1.5 - (double)t.Params["x"]! - (double)t.Params["y"]!];
            },
        }));
        study.Optimize(t => [t.SuggestFloat("x", 0, 1), t.SuggestFloat("y", 0, 1)], new OptimizeOptions { Trials = 200 });

        Assert.Equal(200, calls);
        foreach (var trial in study.Trials)
        {
            var constraint = Assert.IsAssignableFrom<IReadOnlyList<object?>>(trial.SystemAttrs[Study.ConstraintsKey]);
            Assert.Equal(1.5 - (double)trial.Params["x"]! - (double)trial.Params["y"]!, (double)constraint[0]!, 12);
        }

        Assert.NotEmpty(study.BestTrials);
        Assert.All(study.BestTrials, t => Assert.True(Study.IsFeasible(t)));
        Assert.All(study.BestTrials, t => Assert.True((double)t.Params["x"]! + (double)t.Params["y"]! >= 1.5));

        // Random search is feasible 1/8 of the time (10 of 80); the last generations hug the boundary
        // x + y = 1.5, where about half of the children land on the feasible side (measured: 51 of 80).
        var late = study.Trials.Skip(120).Count(Study.IsFeasible);
        Assert.True(late >= 30, $"{late} of the last 80 trials are feasible");
    }

    [Fact]
    public void Constraints_written_by_anything_are_honoured_without_the_option()
    {
        // The objective writes the constraint itself; the sampler has no Constraints function.
        var study = MultiObjective(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 6, PopulationSize = 20 }));
        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", 0, 1);
                var y = t.SuggestFloat("y", 0, 1);
                t.SetSystemAttr(Study.ConstraintsKey, new[] { 1.5 - x - y });
                return [x, y];
            },
            new OptimizeOptions { Trials = 200 });
        var late = study.Trials.Skip(120).Count(Study.IsFeasible);
        Assert.True(late >= 30, $"{late} of the last 80 trials are feasible");
    }

    [Fact]
    public void Best_trial_and_best_trials_skip_infeasible_trials()
    {
        var single = Study.Create(new StudyOptions
        {
            Sampler = new NsgaIISampler(new NsgaIISamplerOptions
            {
                Seed = 1,
                PopulationSize = 10,
                Constraints = t => [0.5 - (double)t.Params["x"]!], // feasible when x >= 0.5
            }),
        });
        single.Optimize(t => t.SuggestFloat("x", 0, 1), new OptimizeOptions { Trials = 60 });
        Assert.Contains(single.Trials, t => !Study.IsFeasible(t));
        Assert.True((double)single.BestTrial.Params["x"]! >= 0.5);
        Assert.Equal(single.Trials.Where(Study.IsFeasible).Min(t => t.Value), single.BestValue);

        var multi = MultiObjective(new NsgaIISampler(new NsgaIISamplerOptions
        {
            Seed = 1,
            PopulationSize = 10,
            Constraints = t => [(double)t.Params["x"]! - 0.3], // feasible when x <= 0.3
        }));
        multi.Optimize(t => { var x = t.SuggestFloat("x", 0, 1); return [x, 1 - x]; }, new OptimizeOptions { Trials = 40 });
        Assert.Contains(multi.Trials, t => !Study.IsFeasible(t));
        Assert.All(multi.BestTrials, t => Assert.True((double)t.Params["x"]! <= 0.3));
        Assert.Equal(multi.Trials.Count(Study.IsFeasible), multi.BestTrials.Count); // on a line every feasible trial is Pareto-optimal
    }

    [Fact]
    public void A_constraint_that_is_not_a_number_stops_the_run_with_a_clear_message()
    {
        var study = MultiObjective(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 1, Constraints = _ => [double.NaN] }));
        var e = Assert.Throws<InvalidOperationException>(() => study.Optimize(t => [t.SuggestFloat("x", 0, 1), 0.0], new OptimizeOptions { Trials = 3 }));
        Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
        Assert.Contains("constraint 0 of trial 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_outside_the_intersection_space_are_sampled_independently()
    {
        var study = MultiObjective(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 9, PopulationSize = 6 }));
        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", 0, 1);
                var branch = t.SuggestCategorical("branch", new[] { "a", "b" });
                var extra = branch == "a" ? t.SuggestFloat("a_only", 0, 1) : t.SuggestInt("b_only", 0, 9);
                return [x + extra, 1 - x];
            },
            new OptimizeOptions { Trials = 60 });
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Contains(study.Trials, t => t.Params.ContainsKey("a_only"));
        Assert.Contains(study.Trials, t => t.Params.ContainsKey("b_only"));
    }

    [Fact]
    public void A_study_resumed_from_a_journal_by_a_fresh_sampler_continues_exactly_as_an_uninterrupted_run()
    {
        using var dir = new Attune.Tests.Storage.Journal.TempDirectory();
        var url = "journal:" + dir.File("nsga.journal");
        static NsgaIISampler Sampler() => new(new NsgaIISamplerOptions { Seed = 5, PopulationSize = 10 });
        using (var first = Study.Create(new StudyOptions { Name = "s", Storage = url, Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Sampler = Sampler() }))
        {
            first.Optimize(Mixed, new OptimizeOptions { Trials = 35 });
        }

        using var resumed = Study.Load("s", url, Sampler());
        resumed.Optimize(Mixed, new OptimizeOptions { Trials = 35 });

        var uninterrupted = MultiObjective(Sampler());
        uninterrupted.Optimize(Mixed, new OptimizeOptions { Trials = 70 });
        var a = resumed.Trials;
        var b = uninterrupted.Trials;
        Assert.Equal(70, a.Count);
        for (var i = 0; i < 70; i++)
        {
            Assert.Equal(b[i].Params, a[i].Params);
            Assert.Equal(b[i].SystemAttrs[NsgaIISampler.GenerationKey], a[i].SystemAttrs[NsgaIISampler.GenerationKey]);
        }

        Assert.Equal(uninterrupted.SystemAttrs[NsgaIISampler.PopulationKeyPrefix + "5"], resumed.SystemAttrs[NsgaIISampler.PopulationKeyPrefix + "5"]);
    }

    [Fact]
    public void Partially_fixed_parameters_keep_their_value_while_the_rest_is_bred()
    {
        var sampler = new PartialFixedSampler(
            new Dictionary<string, object?> { ["x1"] = 0.25 },
            new NsgaIISampler(new NsgaIISamplerOptions { Seed = 3, PopulationSize = 10 }));
        var study = MultiObjective(sampler);
        study.Optimize(t => Zdt1(t, 4), new OptimizeOptions { Trials = 60 });
        Assert.All(study.Trials, t => Assert.Equal(0.25, t.Params["x1"]));
        Assert.All(study.Trials.Skip(10), t => Assert.True(t.SystemAttrs.ContainsKey(NsgaIISampler.ParentsKey)));
        Assert.True(study.Trials.Skip(10).Select(t => t.Params["x0"]).Distinct().Count() > 10);
    }

    [Fact]
    public void Single_objective_studies_work()
    {
        var study = Study.Create(new StudyOptions { Sampler = new NsgaIISampler(new NsgaIISamplerOptions { Seed = 2, PopulationSize = 10 }) });
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -5, 5) - 1, 2) + Math.Pow(t.SuggestFloat("y", -5, 5) + 2, 2), new OptimizeOptions { Trials = 200 });
        Assert.True(study.BestValue < 0.05, $"best {study.BestValue}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Bad_options_name_the_value_and_what_is_allowed(int which)
    {
        Action[] cases = which == 1
            ?
            [
                () => _ = new NsgaIISampler(new NsgaIISamplerOptions { PopulationSize = 1 }),
                () => _ = new NsgaIISampler(new NsgaIISamplerOptions { PopulationSize = 2, Crossover = new UndxCrossover() }),
                () => _ = new NsgaIISampler(new NsgaIISamplerOptions { CrossoverProbability = 1.2 }),
                () => _ = new NsgaIISampler(new NsgaIISamplerOptions { MutationProbability = -0.1 }),
                () => _ = new NsgaIISampler(new NsgaIISamplerOptions { SwappingProbability = double.NaN }),
            ]
            :
            [
                () => _ = new NsgaIIISampler(new NsgaIIISamplerOptions { DividingParameter = 0 }),
                () => _ = new NsgaIIISampler(new NsgaIIISamplerOptions { ReferencePoints = [] }),
                () => _ = new NsgaIIISampler(new NsgaIIISamplerOptions { ReferencePoints = [[1.0, 0.0], [1.0]] }),
                () => _ = new NsgaIIISampler(new NsgaIIISamplerOptions { ReferencePoints = [[-1.0, 2.0]] }),
                () => _ = new NsgaIIISampler(new NsgaIIISamplerOptions { ReferencePoints = [[0.0, 0.0]] }),
            ];
        string[] expected = which == 1
            ? ["PopulationSize must be >= 2", "3 parents, but got 2", "CrossoverProbability must be in [0, 1], but got 1.2", "MutationProbability must be in [0, 1], but got -0.1", "SwappingProbability must be in [0, 1], but got NaN"]
            : ["DividingParameter must be null or >= 1, but got 0", "at least one point", "reference point 1 has 1 coordinates", "coordinate -1", "all zeros"];
        for (var i = 0; i < cases.Length; i++)
        {
            var e = Assert.Throws<ArgumentException>(cases[i]);
            Assert.Contains(expected[i], e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Nsga3_with_reference_points_of_the_wrong_dimension_fails_when_a_generation_closes()
    {
        var study = MultiObjective(new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = 1, PopulationSize = 4, ReferencePoints = [[1.0, 0.0, 0.0]] }));
        var e = Assert.Throws<InvalidOperationException>(() => study.Optimize(t => Zdt1(t, 3), new OptimizeOptions { Trials = 20 }));
        Assert.Contains("reference points with 3 coordinates, but the study has 2 objectives", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Nsga2_converges_on_zdt1_far_beyond_random_search_in_1000_trials()
    {
        double[] reference = [11, 11];
        const double hvStar = 121 - (1.0 / 3);
        var nsga = new List<double>();
        var random = new List<double>();
        for (var seed = 0; seed < 5; seed++)
        {
            var a = MultiObjective(new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed }));
            a.Optimize(t => Zdt1(t), new OptimizeOptions { Trials = 1000 });
            nsga.Add(hvStar - Hypervolume(a, reference));
            var b = MultiObjective(new RandomSampler(new RandomSamplerOptions { Seed = seed }));
            b.Optimize(t => Zdt1(t), new OptimizeOptions { Trials = 1000 });
            random.Add(hvStar - Hypervolume(b, reference));
        }

        // Measured: NSGA-II about 7 (Optuna 3.1: 10.6), random about 25.
        Assert.True(Median(nsga) < 12, $"NSGA-II median HV gap {Median(nsga)}");
        Assert.True(Median(random) > 20, $"random median HV gap {Median(random)}");
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Nsga3_beats_random_search_on_dtlz2_in_1000_trials()
    {
        double[] reference = [4, 4, 4];
        var hvStar = 64 - (Math.PI / 6);
        var nsga = new List<double>();
        var random = new List<double>();
        for (var seed = 0; seed < 3; seed++)
        {
            var a = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize, StudyDirection.Minimize], Sampler = new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = seed }) });
            a.Optimize(Dtlz2, new OptimizeOptions { Trials = 1000 });
            nsga.Add(hvStar - Hypervolume(a, reference));
            var b = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize, StudyDirection.Minimize], Sampler = new RandomSampler(new RandomSamplerOptions { Seed = seed }) });
            b.Optimize(Dtlz2, new OptimizeOptions { Trials = 1000 });
            random.Add(hvStar - Hypervolume(b, reference));
        }

        // Measured: NSGA-III about 0.27, random about 1.4.
        Assert.True(Median(nsga) < Median(random) / 2.5, $"NSGA-III {Median(nsga)}, random {Median(random)}");
    }

    private static void AssertConsistentGenerations(Study study, string generationKey, string parentsKey, string prefix, int populationSize)
    {
        var trials = study.Trials;
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.IsType<long>(t.SystemAttrs[generationKey]));
        var elites = new List<int[]>();
        for (var g = 0; study.SystemAttrs.TryGetValue(prefix + g, out var raw); g++)
        {
            var record = (IReadOnlyDictionary<string, object?>)raw!;
            var members = ((IReadOnlyList<object?>)record["members"]!).Select(v => (int)(long)v!).ToArray();
            var elite = ((IReadOnlyList<object?>)record["elite"]!).Select(v => (int)(long)v!).ToArray();
            Assert.Equal(populationSize, members.Length);
            Assert.Equal(populationSize, elite.Length);
            Assert.All(members, n => Assert.Equal((long)g, trials[n].SystemAttrs[generationKey]));
            var pool = g == 0 ? members : members.Concat(elites[g - 1]).ToArray();
            Assert.All(elite, n => Assert.Contains(n, pool));
            elites.Add(elite);
        }

        Assert.True(elites.Count >= 3, $"only {elites.Count} generations closed");
        foreach (var trial in trials)
        {
            var g = (int)(long)trial.SystemAttrs[generationKey]!;
            Assert.True(g <= elites.Count, $"trial {trial.Number} is in generation {g}, but only {elites.Count} closed");
            if (g == 0)
            {
                continue;
            }

            var parents = ((IReadOnlyList<object?>)trial.SystemAttrs[parentsKey]!).Select(v => (int)(long)v!).ToArray();
            Assert.NotEmpty(parents);
            Assert.All(parents, p => Assert.Contains(p, elites[g - 1]));
        }
    }
}
