using Attune.Samplers;
using Attune.Tests.Storage.Journal;
using Microsoft.Extensions.Logging;

namespace Attune.Tests.Samplers.CmaEs;

public class CmaEsSamplerTests
{
    private static readonly string[] Colors = ["red", "green", "blue"];

    // A shifted sphere over every kind of numerical parameter, plus a categorical one.
    private static double Mixed(Trial t)
    {
        var x = t.SuggestFloat("x", -5, 5);
        var lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
        var q = t.SuggestFloat("q", 0, 1, step: 0.25);
        var n = t.SuggestInt("n", 1, 64, log: true);
        var k = t.SuggestInt("k", -10, 10);
        var color = t.SuggestCategorical("color", Colors);
        return Math.Pow(x - 1, 2) + Math.Pow(Math.Log10(lr) + 3, 2) + Math.Pow(q - 0.5, 2) + Math.Pow(Math.Log2(n) - 3, 2)
            + Math.Pow(k - 4, 2) / 10 + (color == "red" ? 0 : 1);
    }

    private static double Sphere(Trial t, double shift = 0)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var v = t.SuggestFloat($"x{i}", -5, 5) - shift;
            sum += v * v;
        }

        return sum;
    }

    private static CmaEsSampler Seeded(int seed, CmaEsSamplerOptions? options = null) =>
        new((options ?? new CmaEsSamplerOptions()) with { Seed = seed });

    [Fact]
    public void Samples_every_kind_of_numerical_parameter_inside_its_distribution_and_improves()
    {
        var logs = new ListLoggerFactory();
        var study = Study.Create(new StudyOptions { Sampler = Seeded(1), LoggerFactory = logs });
        study.Optimize(Mixed, new OptimizeOptions { Trials = 120 });

        foreach (var trial in study.Trials)
        {
            foreach (var (name, distribution) in trial.Distributions)
            {
                Assert.True(distribution.Contains(trial.InternalParams[name]), $"trial {trial.Number}: {name} outside {distribution}");
            }
        }

        // Trial 0 is sampled independently; every later trial runs a CMA-ES candidate.
        Assert.DoesNotContain(CmaEsSampler.CandidateKey, study.Trials[0].SystemAttrs.Keys);
        Assert.All(study.Trials.Skip(1), t => Assert.Contains(CmaEsSampler.CandidateKey, t.SystemAttrs.Keys));
        var firstGeneration = study.Trials.Skip(1).Take(10).Min(t => t.Value!.Value);
        Assert.True(study.BestValue < firstGeneration / 4, $"best {study.BestValue}, best of the first generation {firstGeneration}");

        // The categorical parameter falls back to the independent sampler, with one warning for it alone.
        var warnings = logs.Entries.Where(e => e.Id.Id == 321).Select(e => e.Message).ToList();
        Assert.Single(warnings);
        Assert.Contains("'color'", warnings[0], StringComparison.Ordinal);
        Assert.Equal(3, study.Trials.Select(t => t.Params["color"]).Distinct().Count());
    }

    [Fact]
    public void One_parameter_is_enough()
    {
        var study = Study.Create(new StudyOptions { Sampler = Seeded(14) });
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -10, 10) - 3, 2), new OptimizeOptions { Trials = 80 });
        Assert.True(study.BestValue < 1e-4, $"best {study.BestValue}");
        Assert.All(study.Trials.Skip(1), t => Assert.Contains(CmaEsSampler.CandidateKey, t.SystemAttrs.Keys));
    }

    [Fact]
    public void A_seed_gives_the_same_trials()
    {
        static IEnumerable<object?> Run()
        {
            var study = Study.Create(new StudyOptions { Sampler = Seeded(5) });
            study.Optimize(Mixed, new OptimizeOptions { Trials = 40 });
            return study.Trials.SelectMany(t => t.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void A_resumed_study_continues_the_same_CMA_state_and_candidates()
    {
        using var dir = new TempDirectory();
        var url = "journal:" + dir.File("cma.journal");
        using (var first = Study.Create(new StudyOptions { Name = "s", Storage = url, Sampler = Seeded(3) }))
        {
            first.Optimize(t => Sphere(t, 1), new OptimizeOptions { Trials = 26 });
        }

        // A new sampler in a "new process", with another seed: the study's state decides.
        using (var resumed = Study.Load("s", url, new CmaEsSampler(new CmaEsSamplerOptions { Seed = 999, IndependentSampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }) })))
        {
            var state = (string)resumed.SystemAttrs[CmaEsSampler.StateKey]!;
            Assert.Contains("\"version\":1", state, StringComparison.Ordinal);
            resumed.Optimize(t => Sphere(t, 1), new OptimizeOptions { Trials = 24 });
        }

        var uninterrupted = Study.Create(new StudyOptions { Sampler = Seeded(3) });
        uninterrupted.Optimize(t => Sphere(t, 1), new OptimizeOptions { Trials = 50 });

        using var loaded = Study.Load("s", url);
        Assert.Equal(50, loaded.Trials.Count);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(uninterrupted.Trials[i].Params, loaded.Trials[i].Params);
        }

        Assert.Equal(uninterrupted.SystemAttrs[CmaEsSampler.StateKey], loaded.SystemAttrs[CmaEsSampler.StateKey]);
    }

    [Fact]
    public void Four_workers_share_the_population_without_duplicated_candidates()
    {
        var study = Study.Create(new StudyOptions { Sampler = Seeded(7) });
        study.Optimize(t => Sphere(t, 2), new OptimizeOptions { Trials = 160, Parallelism = 4 });
        Assert.Equal(160, study.Trials.Count(t => t.State == TrialState.Complete));

        var claims = study.Trials
            .Select(t => t.SystemAttrs.TryGetValue(CmaEsSampler.CandidateKey, out var c) ? (IReadOnlyDictionary<string, object?>)c! : null)
            .Where(c => c is not null)
            .Select(c => ((long)c!["generation"]!, (long)c["slot"]!, (long)c["draw"]!))
            .ToList();
        Assert.True(claims.Count >= 150, $"{claims.Count} trials ran CMA-ES candidates");
        Assert.Equal(claims.Count, claims.Distinct().Count());

        // No two trials ran the same point.
        var points = study.Trials.Select(t => string.Join(",", t.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value))).ToList();
        Assert.Equal(points.Count, points.Distinct().Count());

        // Every generation was told with λ = 8 members: about 150/8 generations, none lost to waiting.
        using var state = System.Text.Json.JsonDocument.Parse((string)study.SystemAttrs[CmaEsSampler.StateKey]!);
        var generation = state.RootElement.GetProperty("generation").GetInt64();
        Assert.InRange(generation, 16, 20);
        Assert.True(study.BestValue < 0.5, $"best {study.BestValue}");
    }

    [Fact]
    public void Two_samplers_on_one_storage_never_run_one_candidate_twice()
    {
        // Two Study objects with their own sampler instances (as two processes would have) race for slots:
        // only the claim protocol, not a lock, keeps their candidates apart. The storage yields and sleeps
        // around writes so that claims interleave in many ways.
        var storage = new JitterStorage();
        var first = Study.Create(new StudyOptions { Name = "shared", StorageInstance = storage, Sampler = Seeded(21) });
        first.Optimize(t => Sphere(t, 1), new OptimizeOptions { Trials = 1 });
        var second = Study.Load("shared", storage, Seeded(21));
        Parallel.Invoke(
            () => first.Optimize(t => Sphere(t, 1), new OptimizeOptions { Trials = 100, Parallelism = 2 }),
            () => second.Optimize(t => Sphere(t, 1), new OptimizeOptions { Trials = 100, Parallelism = 2 }));

        var trials = first.Trials;
        Assert.Equal(201, trials.Count(t => t.State == TrialState.Complete));
        var claims = trials.Skip(1)
            .Select(t => (IReadOnlyDictionary<string, object?>)t.SystemAttrs[CmaEsSampler.CandidateKey]!)
            .Select(c => ((long)c["generation"]!, (long)c["slot"]!, (long)c["draw"]!))
            .ToList();
        Assert.Equal(claims.Count, claims.Distinct().Count());
        var points = trials.Select(t => string.Join(",", t.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value))).ToList();
        Assert.Equal(points.Count, points.Distinct().Count());
        using var state = System.Text.Json.JsonDocument.Parse((string)first.SystemAttrs[CmaEsSampler.StateKey]!);
        Assert.InRange(state.RootElement.GetProperty("generation").GetInt64(), 20, 26);
    }

    [Fact]
    public void A_failed_trial_leaves_its_slot_to_a_fresh_candidate()
    {
        var study = Study.Create(new StudyOptions { Sampler = Seeded(2) });
        var calls = 0;
        study.Optimize(
            t =>
            {
                var value = Sphere(t);
                if (++calls % 3 == 0)
                {
                    throw new InvalidOperationException("boom");
                }

                return value;
            },
            new OptimizeOptions { Trials = 90, Catch = [typeof(InvalidOperationException)] });

        var claims = study.Trials.Skip(1)
            .Select(t => (IReadOnlyDictionary<string, object?>)t.SystemAttrs[CmaEsSampler.CandidateKey]!)
            .Select(c => ((long)c["generation"]!, (long)c["slot"]!, (long)c["draw"]!))
            .ToList();
        Assert.Equal(claims.Count, claims.Distinct().Count());
        Assert.Contains(claims, c => c.Item3 > 0);

        // 60 complete trials (less the independent first one) fill 7 generations of 8.
        using var state = System.Text.Json.JsonDocument.Parse((string)study.SystemAttrs[CmaEsSampler.StateKey]!);
        Assert.Equal(7, state.RootElement.GetProperty("generation").GetInt64());
    }

    [Fact]
    public void Pruned_trials_count_only_when_considered()
    {
        static long Generations(bool consider)
        {
            var study = Study.Create(new StudyOptions { Sampler = Seeded(4, new CmaEsSamplerOptions { ConsiderPrunedTrials = consider }) });
            for (var i = 0; i < 41; i++)
            {
                var trial = study.Ask();
                var value = Sphere(trial);
                if (i % 2 == 1)
                {
                    trial.Report(value, 0);
                    study.Tell(trial, TrialState.Pruned);
                }
                else
                {
                    study.Tell(trial, value);
                }
            }

            using var state = System.Text.Json.JsonDocument.Parse((string)study.SystemAttrs[CmaEsSampler.StateKey]!);
            return state.RootElement.GetProperty("generation").GetInt64();
        }

        // 40 trials after the independent first one: 5 generations of 8 when pruned trials count (the fifth is
        // told at the next Ask, so 4 so far), 20 complete trials (2 generations) when they do not.
        Assert.Equal(4, Generations(consider: true));
        Assert.Equal(2, Generations(consider: false));
    }

    [Fact]
    public void When_a_parameter_leaves_the_space_CMA_ES_continues_on_the_rest()
    {
        var logs = new ListLoggerFactory();
        var study = Study.Create(new StudyOptions { Sampler = Seeded(6), LoggerFactory = logs });
        study.Optimize(t => Sphere(t) + t.SuggestFloat("extra", 0, 1), new OptimizeOptions { Trials = 30 });
        study.Optimize(t => Sphere(t), new OptimizeOptions { Trials = 30 });

        var state = (string)study.SystemAttrs[CmaEsSampler.StateKey]!;
        Assert.DoesNotContain("extra", state, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Id.Id == 324);
        Assert.All(study.Trials.Skip(31), t => Assert.Contains(CmaEsSampler.CandidateKey, t.SystemAttrs.Keys));
    }

    [Fact]
    public void An_enqueued_trial_runs_its_values_and_is_learned_from()
    {
        var study = Study.Create(new StudyOptions { Sampler = Seeded(8) });
        study.Optimize(t => Sphere(t), new OptimizeOptions { Trials = 5 });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x0"] = 4.5, ["x1"] = -4.5 });
        study.Optimize(t => Sphere(t), new OptimizeOptions { Trials = 30 });
        var enqueued = study.Trials[5];
        Assert.Equal(4.5, enqueued.Params["x0"]);
        Assert.Equal(-4.5, enqueued.Params["x1"]);
        Assert.Contains(CmaEsSampler.CandidateKey, enqueued.SystemAttrs.Keys);
    }

    [Fact]
    public void Restarts_in_a_study_grow_the_population()
    {
        // A flat objective stops every run as soon as its value history is full (TolFun, 10 + ⌈30n/λ⌉
        // generations): IPOP doubles λ at each restart.
        var study = Study.Create(new StudyOptions
        {
            Sampler = Seeded(9, new CmaEsSamplerOptions { RestartStrategy = CmaRestartStrategy.Ipop, PopulationSize = 4 }),
        });
        study.Optimize(t => Math.Round(t.SuggestFloat("a", 0, 1) + t.SuggestFloat("b", 0, 1)) * 0, new OptimizeOptions { Trials = 350 });
        using var state = System.Text.Json.JsonDocument.Parse((string)study.SystemAttrs[CmaEsSampler.StateKey]!);
        var restarts = state.RootElement.GetProperty("restarts").GetInt32();
        Assert.True(restarts >= 2, $"{restarts} restarts");
        Assert.Equal(4 << restarts, state.RootElement.GetProperty("run").GetProperty("popsize").GetInt32());
    }

    [Fact]
    public void X0_and_Sigma0_set_the_first_generation()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = Seeded(10, new CmaEsSamplerOptions { X0 = new Dictionary<string, object?> { ["x0"] = 4.0, ["x1"] = -4.0 }, Sigma0 = 1e-3 }),
        });
        study.Optimize(t => Sphere(t), new OptimizeOptions { Trials = 9 });
        foreach (var trial in study.Trials.Skip(1))
        {
            Assert.InRange((double)trial.Params["x0"]!, 3.9, 4.1);
            Assert.InRange((double)trial.Params["x1"]!, -4.1, -3.9);
            Assert.InRange((double)trial.Params["x2"]!, -0.1, 0.1);
        }
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_value_and_what_is_allowed()
    {
        static void Rejects(CmaEsSamplerOptions options, string text)
        {
            var e = Assert.Throws<ArgumentException>(() => new CmaEsSampler(options));
            Assert.Contains(text, e.Message, StringComparison.Ordinal);
        }

        Rejects(new CmaEsSamplerOptions { Sigma0 = 0 }, "Sigma0 must be a finite number > 0, but got 0");
        Rejects(new CmaEsSamplerOptions { Sigma0 = double.NaN }, "Sigma0");
        Rejects(new CmaEsSamplerOptions { PopulationSize = 1 }, "PopulationSize must be at least 2, but got 1");
        Rejects(new CmaEsSamplerOptions { IncPopSize = 0 }, "IncPopSize must be at least 1, but got 0");
        Rejects(new CmaEsSamplerOptions { RestartStrategy = (CmaRestartStrategy)7 }, "use None, Ipop or Bipop");
        Rejects(new CmaEsSamplerOptions { LrAdapt = true, UseSeparableCma = true }, "LrAdapt cannot be combined with UseSeparableCma");
        Rejects(new CmaEsSamplerOptions { SourceTrials = [], }, "SourceTrials is empty");
        Rejects(new CmaEsSamplerOptions { SourceTrials = [new TrialRecord()], Sigma0 = 0.1 }, "SourceTrials cannot be combined with X0 or Sigma0");

        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Sampler = new CmaEsSampler() });
        var error = Assert.Throws<NotSupportedException>(() => study.Ask());
        Assert.Contains("single objective", error.Message, StringComparison.Ordinal);

        var bad = Study.Create(new StudyOptions { Sampler = Seeded(1, new CmaEsSamplerOptions { X0 = new Dictionary<string, object?> { ["x0"] = 9.0 } }) });
        bad.Optimize(t => Sphere(t), new OptimizeOptions { Trials = 1 });
        var x0Error = Assert.Throws<ArgumentException>(() => bad.Ask());
        Assert.Contains("outside FloatDistribution(low=-5, high=5", x0Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_differ_from_the_study_state_are_reported_once()
    {
        var logs = new ListLoggerFactory();
        var storage = new Attune.Storage.InMemory.InMemoryStorage();
        var study = Study.Create(new StudyOptions { Name = "s", StorageInstance = storage, Sampler = Seeded(1) });
        study.Optimize(t => Sphere(t), new OptimizeOptions { Trials = 5 });
        var other = Study.Load("s", storage, Seeded(1, new CmaEsSamplerOptions { UseSeparableCma = true }), loggerFactory: logs);
        other.Optimize(t => Sphere(t), new OptimizeOptions { Trials = 5 });
        var warning = Assert.Single(logs.Entries, e => e.Id.Id == 325);
        Assert.Contains("UseSeparableCma False", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Warm_start_from_a_similar_task_converges_faster_than_a_cold_start()
    {
        // Source: the sphere centred at 1.5 in [−5, 5]⁴; target: centred at 1.8. After 40 trials the warm
        // start should be far ahead (its first distribution already sits near the optimum).
        var warmBetter = 0;
        var warm = new List<double>();
        var cold = new List<double>();
        for (var seed = 0; seed < 5; seed++)
        {
            var source = Study.Create(new StudyOptions { Sampler = Seeded(100 + seed) });
            source.Optimize(t => Sphere(t, 1.5), new OptimizeOptions { Trials = 150 });

            var warmStudy = Study.Create(new StudyOptions { Sampler = Seeded(seed, new CmaEsSamplerOptions { SourceTrials = source.Trials }) });
            warmStudy.Optimize(t => Sphere(t, 1.8), new OptimizeOptions { Trials = 40 });
            var coldStudy = Study.Create(new StudyOptions { Sampler = Seeded(seed) });
            coldStudy.Optimize(t => Sphere(t, 1.8), new OptimizeOptions { Trials = 40 });
            warm.Add(warmStudy.BestValue);
            cold.Add(coldStudy.BestValue);
            if (warmStudy.BestValue < coldStudy.BestValue)
            {
                warmBetter++;
            }
        }

        warm.Sort();
        cold.Sort();
        Assert.True(warmBetter >= 4, $"warm start better in {warmBetter} of 5 seeds: warm [{string.Join(", ", warm)}], cold [{string.Join(", ", cold)}]");
        Assert.True(warm[2] < cold[2] / 2, $"median warm {warm[2]}, cold {cold[2]}");
    }

    [Fact]
    public void Warm_start_needs_a_compatible_source_trial()
    {
        var source = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
        source.Optimize(t => t.SuggestFloat("other", 0, 1), new OptimizeOptions { Trials = 5 });
        var study = Study.Create(new StudyOptions { Sampler = Seeded(1, new CmaEsSamplerOptions { SourceTrials = source.Trials }) });
        study.Optimize(t => Sphere(t), new OptimizeOptions { Trials = 1 });
        var error = Assert.Throws<InvalidOperationException>(() => study.Ask());
        Assert.Contains("None of the 5 source trials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximizing_minus_f_runs_the_same_trials_as_minimizing_f()
    {
        var maximize = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize, Sampler = Seeded(12) });
        maximize.Optimize(t => -Sphere(t, 2), new OptimizeOptions { Trials = 60 });
        var minimize = Study.Create(new StudyOptions { Sampler = Seeded(12) });
        minimize.Optimize(t => Sphere(t, 2), new OptimizeOptions { Trials = 60 });
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(minimize.Trials[i].Params, maximize.Trials[i].Params);
        }
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, true)]
    public void Variants_run_in_a_study_and_keep_their_state(bool separable, bool margin, bool learningRate)
    {
        var options = new CmaEsSamplerOptions { UseSeparableCma = separable, WithMargin = margin, LrAdapt = learningRate, RestartStrategy = CmaRestartStrategy.Bipop };
        var storage = new Attune.Storage.InMemory.InMemoryStorage();
        var study = Study.Create(new StudyOptions { Name = "v", StorageInstance = storage, Sampler = Seeded(13, options) });
        study.Optimize(Mixed, new OptimizeOptions { Trials = 60 });
        var resumed = Study.Load("v", storage, Seeded(13, options));
        resumed.Optimize(Mixed, new OptimizeOptions { Trials = 20 });
        Assert.Equal(80, study.Trials.Count(t => t.State == TrialState.Complete));
        var state = (string)study.SystemAttrs[CmaEsSampler.StateKey]!;
        Assert.Contains($"\"separable\":{(separable ? "true" : "false")}", state, StringComparison.Ordinal);
        Assert.Equal(margin, state.Contains("margin_scale", StringComparison.Ordinal));
        Assert.Equal(learningRate, state.Contains("\"lra\"", StringComparison.Ordinal));
    }
}
