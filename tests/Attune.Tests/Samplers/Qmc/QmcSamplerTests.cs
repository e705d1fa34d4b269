using System.Collections.Concurrent;
using Attune.Samplers;
using Attune.Storage.InMemory;
using Microsoft.Extensions.Logging;

namespace Attune.Tests.Samplers.Qmc;

public class QmcSamplerTests
{
    private static readonly string[] Colors = ["red", "green", "blue"];

    private static double Objective(Trial t)
    {
        var x = t.SuggestFloat("x", -5, 5);
        var lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
        var n = t.SuggestInt("n", 1, 64, log: true);
        var color = t.SuggestCategorical("color", Colors);
        return (x * x) + Math.Log(lr) + n + (color == "red" ? 0 : 1);
    }

    private static QmcSampler Seeded(int seed, QmcSequence type = QmcSequence.Sobol, bool scramble = true) =>
        new(new QmcSamplerOptions { Seed = seed, QmcType = type, Scramble = scramble });

    [Theory]
    [InlineData(QmcSequence.Sobol)]
    [InlineData(QmcSequence.Halton)]
    public void Four_workers_draw_the_same_points_as_one_by_trial_number(QmcSequence type)
    {
        static Study Run(QmcSequence type, int parallelism)
        {
            var study = Study.Create(new StudyOptions { Sampler = Seeded(11, type) });
            study.Optimize(Objective, new OptimizeOptions { Trials = 1 }); // fixes the search space
            study.Optimize(Objective, new OptimizeOptions { Trials = 63, Parallelism = parallelism });
            return study;
        }

        var serial = Run(type, 1);
        var parallel = Run(type, 4);
        Assert.Equal(64, parallel.Trials.Count);
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(serial.Trials[i].Params, parallel.Trials[i].Params);
        }

        foreach (var trial in parallel.Trials)
        {
            Assert.InRange((double)trial.Params["x"]!, -5, 5);
            Assert.InRange((double)trial.Params["lr"]!, 1e-5, 1e-1);
            Assert.InRange((int)trial.Params["n"]!, 1, 64);
            Assert.Contains((string)trial.Params["color"]!, Colors);
            foreach (var (name, distribution) in trial.Distributions)
            {
                Assert.True(distribution.Contains(trial.InternalParams[name]), $"trial {trial.Number}: {name} outside {distribution}");
            }
        }

        // The categorical parameter is left to the independent sampler, which still varies it.
        Assert.Equal(3, parallel.Trials.Select(t => t.Params["color"]).Distinct().Count());
    }

    [Fact]
    public void Trial_n_takes_point_n_of_the_sequence()
    {
        var study = Study.Create(new StudyOptions { Sampler = Seeded(5) });
        study.Optimize(Objective, new OptimizeOptions { Trials = 40 });

        // Coordinates follow the parameters' names in ordinal order: lr, n, x.
        var sobol = new SobolSequence(3, scrambleSeed: 5);
        var point = new double[3];
        var space = study.Trials[0].Distributions;
        foreach (var trial in study.Trials.Skip(1))
        {
            sobol.Point(trial.Number, point);
            Assert.Equal(QmcSampler.FromUnit(point[0], space["lr"]), trial.InternalParams["lr"]);
            Assert.Equal(QmcSampler.FromUnit(point[1], space["n"]), trial.InternalParams["n"]);
            Assert.Equal(QmcSampler.FromUnit(point[2], space["x"]), trial.InternalParams["x"]);
        }
    }

    [Fact]
    public void Unscrambled_sobol_puts_trial_1_at_the_centre_and_trial_2_at_three_quarters()
    {
        var study = Study.Create(new StudyOptions { Sampler = Seeded(1, scramble: false) });
        study.Optimize(
            t => t.SuggestFloat("a", 0, 8) + t.SuggestFloat("b", 0, 8),
            new OptimizeOptions { Trials = 4 });
        Assert.Equal(4.0, study.Trials[1].Params["a"]);
        Assert.Equal(4.0, study.Trials[1].Params["b"]);
        Assert.Equal(6.0, study.Trials[2].Params["a"]);
        Assert.Equal(2.0, study.Trials[2].Params["b"]);
    }

    [Fact]
    public void The_search_space_is_recorded_in_the_study_without_categorical_or_single_valued_parameters()
    {
        var study = Study.Create(new StudyOptions { Sampler = Seeded(2) });
        study.Optimize(
            t => Objective(t) + t.SuggestFloat("fixed", 1, 1),
            new OptimizeOptions { Trials = 3 });
        var attr = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(study.SystemAttrs[QmcSampler.SearchSpaceKey]);
        Assert.Equal(1L, attr["version"]);
        Assert.Equal(0L, attr["trial"]);
        Assert.Equal(new object?[] { "lr", "n", "x" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(attr["params"]));
        Assert.False(study.SystemAttrs.ContainsKey(QmcSampler.SeedKey)); // seeded: nothing to share
    }

    [Fact]
    public void Unseeded_samplers_on_one_study_share_the_seed_through_the_study()
    {
        using var storage = new InMemoryStorage();
        var first = Study.Create(new StudyOptions { Name = "shared", StorageInstance = storage, Sampler = new QmcSampler() });
        first.Optimize(Objective, new OptimizeOptions { Trials = 5 });
        var attr = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(first.SystemAttrs[QmcSampler.SeedKey]);
        Assert.Equal(1L, attr["version"]);
        var shared = Assert.IsType<long>(attr["seed"]);

        // A second worker with its own unseeded sampler (as another process would have) continues the sequence.
        var second = Study.Load("shared", storage, new QmcSampler());
        second.Optimize(Objective, new OptimizeOptions { Trials = 5 });
        Assert.Equal(shared, ((IReadOnlyDictionary<string, object?>)second.SystemAttrs[QmcSampler.SeedKey]!)["seed"]);

        var sobol = new SobolSequence(3, unchecked((ulong)shared));
        var point = new double[3];
        var space = second.Trials[0].Distributions;
        foreach (var trial in second.Trials.Skip(1))
        {
            sobol.Point(trial.Number, point);
            Assert.Equal(QmcSampler.FromUnit(point[2], space["x"]), trial.InternalParams["x"]);
        }
    }

    [Fact]
    public void Samplers_with_other_seeds_draw_other_points()
    {
        var a = Study.Create(new StudyOptions { Sampler = Seeded(1) });
        var b = Study.Create(new StudyOptions { Sampler = Seeded(2) });
        a.Optimize(Objective, new OptimizeOptions { Trials = 8 });
        b.Optimize(Objective, new OptimizeOptions { Trials = 8 });
        for (var i = 1; i < 8; i++)
        {
            Assert.NotEqual(a.Trials[i].Params["x"], b.Trials[i].Params["x"]);
        }
    }

    [Fact]
    public void Trials_that_start_before_any_finishes_and_new_parameters_are_sampled_independently_with_one_warning_each()
    {
        var logs = new CapturingLoggerFactory();
        var study = Study.Create(new StudyOptions { Sampler = Seeded(4), LoggerFactory = logs });
        var early = study.Ask();
        var alsoEarly = study.Ask();
        early.SuggestFloat("x", 0, 1);
        alsoEarly.SuggestFloat("x", 0, 1);
        study.Tell(early, 1.0);
        study.Tell(alsoEarly, 1.0);
        Assert.Empty(logs.Warnings);

        for (var i = 0; i < 4; i++)
        {
            var trial = study.Ask();
            trial.SuggestFloat("x", 0, 1);
            trial.SuggestFloat("late", 0, 1);
            trial.SuggestCategorical("c", Colors);
            study.Tell(trial, 0.0);
        }

        Assert.Equal(2, logs.Warnings.Count);
        Assert.Contains(logs.Warnings, w => w.Contains("'late'", StringComparison.Ordinal) && w.Contains("trial 0", StringComparison.Ordinal));
        Assert.Contains(logs.Warnings, w => w.Contains("'c'", StringComparison.Ordinal) && w.Contains("RandomSampler", StringComparison.Ordinal));

        var quiet = new CapturingLoggerFactory();
        var silent = Study.Create(new StudyOptions
        {
            Sampler = new QmcSampler(new QmcSamplerOptions { Seed = 4, WarnIndependentSampling = false }),
            LoggerFactory = quiet,
        });
        silent.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestCategorical("c", [1, 2]), new OptimizeOptions { Trials = 4 });
        Assert.Empty(quiet.Warnings);
    }

    [Fact]
    public void A_custom_independent_sampler_takes_the_categorical_parameters()
    {
        var independent = new CountingSampler();
        var study = Study.Create(new StudyOptions
        {
            Sampler = new QmcSampler(new QmcSamplerOptions { Seed = 1, IndependentSampler = independent }),
        });
        study.Optimize(Objective, new OptimizeOptions { Trials = 10 });

        // Trial 0: all four parameters; trials 1..9: only the categorical one.
        Assert.Equal(4 + 9, independent.Calls);
        Assert.Equal(10, independent.Finished);
    }

    [Fact]
    public void Sobol_refuses_more_parameters_than_its_table_and_halton_does_not()
    {
        static double Wide(Trial t)
        {
            var sum = 0.0;
            for (var i = 0; i < QmcSampler.MaxSobolDimension + 1; i++)
            {
                sum += t.SuggestFloat($"p{i:D4}", 0, 1);
            }

            return sum;
        }

        var sobol = Study.Create(new StudyOptions { Sampler = Seeded(1) });
        sobol.Optimize(Wide, new OptimizeOptions { Trials = 1 });
        var error = Assert.Throws<NotSupportedException>(() => sobol.Ask());
        Assert.Contains("1111", error.Message, StringComparison.Ordinal);
        Assert.Contains("Halton", error.Message, StringComparison.Ordinal);

        var halton = Study.Create(new StudyOptions { Sampler = Seeded(1, QmcSequence.Halton) });
        halton.Optimize(Wide, new OptimizeOptions { Trials = 3 });
        Assert.Equal(3, halton.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void Options_have_the_documented_defaults_and_reject_an_unknown_sequence()
    {
        var options = new QmcSamplerOptions();
        Assert.Equal(QmcSequence.Sobol, options.QmcType);
        Assert.True(options.Scramble);
        Assert.Null(options.Seed);
        Assert.Null(options.IndependentSampler);
        Assert.True(options.WarnIndependentSampling);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new QmcSampler(new QmcSamplerOptions { QmcType = (QmcSequence)7 }));
        Assert.Contains("QmcType", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coordinates_map_onto_grids_in_equal_shares()
    {
        // A stepped float with 5 values and an int with step 3 and 4 values: equal shares of [0, 1).
        var stepped = new FloatDistribution(0, 1, step: 0.25);
        double[] steppedValues = [0, 0.25, 0.5, 0.75, 1];
        var ints = new IntDistribution(2, 11, step: 3);
        const int n = 1000;
        var steppedCounts = new int[5];
        var intCounts = new int[4];
        for (var i = 0; i < n; i++)
        {
            var u = (i + 0.5) / n;
            steppedCounts[Array.IndexOf(steppedValues, QmcSampler.FromUnit(u, stepped))]++;
            intCounts[((int)QmcSampler.FromUnit(u, ints) - 2) / 3]++;
        }

        Assert.All(steppedCounts, c => Assert.Equal(200, c));
        Assert.All(intCounts, c => Assert.Equal(250, c));
        Assert.Equal(0, QmcSampler.FromUnit(0, stepped));
        Assert.Equal(1, QmcSampler.FromUnit(Math.BitDecrement(1.0), stepped));
        Assert.Equal(11, QmcSampler.FromUnit(Math.BitDecrement(1.0), ints));
    }

    [Fact]
    public void Coordinates_map_uniformly_in_log_space_for_log_distributions()
    {
        var logFloat = new FloatDistribution(1e-4, 1, log: true);
        Assert.Equal(1e-4, QmcSampler.FromUnit(0, logFloat), 1e-18);
        Assert.Equal(1e-2, QmcSampler.FromUnit(0.5, logFloat), 1e-15);
        Assert.Equal(1e-3, QmcSampler.FromUnit(0.25, logFloat), 1e-16);
        Assert.True(QmcSampler.FromUnit(Math.BitDecrement(1.0), logFloat) <= 1);

        // A log int over [1, 100]: integer k takes the share log((k + 0.5) / (k - 0.5)) / log(100.5 / 0.5).
        var logInt = new IntDistribution(1, 100, log: true);
        const int n = 100_000;
        var counts = new int[101];
        for (var i = 0; i < n; i++)
        {
            var value = QmcSampler.FromUnit((i + 0.5) / n, logInt);
            Assert.True(logInt.Contains(value));
            counts[(int)value]++;
        }

        var total = Math.Log(100.5 / 0.5);
        foreach (var k in new[] { 1, 2, 10, 100 })
        {
            Assert.Equal(Math.Log((k + 0.5) / (k - 0.5)) / total, counts[k] / (double)n, 1e-4);
        }

        var plain = new FloatDistribution(-2, 6);
        Assert.Equal(-2, QmcSampler.FromUnit(0, plain));
        Assert.Equal(2, QmcSampler.FromUnit(0.5, plain));
    }

    private sealed class CountingSampler : Sampler
    {
        private readonly RandomSampler inner = new(new RandomSamplerOptions { Seed = 1 });
        private int calls;
        private int finished;

        public int Calls => calls;

        public int Finished => finished;

        public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
        {
            Interlocked.Increment(ref calls);
            return inner.SampleIndependent(study, trial, name, distribution);
        }

        public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) =>
            Interlocked.Increment(ref finished);
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        private readonly ConcurrentQueue<string> warnings = new();

        public IReadOnlyList<string> Warnings => [.. warnings];

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                warnings.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
