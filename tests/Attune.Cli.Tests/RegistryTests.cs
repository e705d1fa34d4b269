using Attune.Pruners;
using Attune.Samplers;

namespace Attune.Cli.Tests;

/// <summary>Every sampler and pruner the registries name: the type it makes, its options read from the spec or left at the library's defaults, and the errors for unknown options and bad values.</summary>
public sealed class RegistryTests
{
    [Fact]
    public void Gp_cmaes_and_auto_are_samplers_with_their_options()
    {
        Assert.IsType<GpSampler>(SamplerRegistry.Create("gp", 1, null));
        Assert.IsType<CmaEsSampler>(SamplerRegistry.Create("cmaes:sigma0=0.3", 1, null));
        Assert.IsType<AutoSampler>(SamplerRegistry.Create("auto:startup_trials=4", null, null));

        var gp = SamplerRegistry.GpOptions(Context(
            "gp:startup_trials=3,acquisition=upper_confidence_bound,ucb_beta=2.5,kernel_prior=dimension-scaled-log-normal,warp_outputs=false,"
            + "deterministic_objective=true,pending_trials=ConstantLiar,candidate_points=64,local_searches=2,refit_fraction=0,max_fit_trials=50,knowledge_gradient_points=16",
            seed: 7));
        Assert.Equal(
            new GpSamplerOptions
            {
                Seed = 7,
                StartupTrials = 3,
                Acquisition = GpAcquisitionFunction.UpperConfidenceBound,
                UcbBeta = 2.5,
                KernelPrior = GpKernelPrior.DimensionScaledLogNormal,
                WarpOutputs = false,
                DeterministicObjective = true,
                PendingTrials = GpPendingTrials.ConstantLiar,
                CandidatePoints = 64,
                LocalSearches = 2,
                RefitFraction = 0,
                MaxFitTrials = 50,
                KnowledgeGradientPoints = 16,
            },
            gp);
        Assert.Equal(new GpSamplerOptions { Seed = 7 }, SamplerRegistry.GpOptions(Context("gp", seed: 7)));

        var cma = SamplerRegistry.CmaEsOptions(Context(
            "cmaes:seed=3,sigma0=0.2,population_size=12,restart_strategy=bipop,inc_pop_size=3,orthogonal_sampling=false,with_margin=true,lr_adapt=true,consider_pruned_trials=yes",
            seed: 99));
        Assert.Equal(
            new CmaEsSamplerOptions
            {
                Seed = 3,
                Sigma0 = 0.2,
                PopulationSize = 12,
                RestartStrategy = CmaRestartStrategy.Bipop,
                IncPopSize = 3,
                OrthogonalSampling = false,
                WithMargin = true,
                LrAdapt = true,
                ConsiderPrunedTrials = true,
            },
            cma);
        Assert.True(SamplerRegistry.CmaEsOptions(Context("cmaes:use_separable_cma=true", null)).UseSeparableCma);
        Assert.Equal(new CmaEsSamplerOptions(), SamplerRegistry.CmaEsOptions(Context("cmaes", null)));

        Assert.Equal(
            new AutoSamplerOptions { Seed = 5, StartupTrials = 4, GaussianProcessTrials = 50, GaussianProcessMaxTrials = 300, MultiObjectiveTpeTrials = 100 },
            SamplerRegistry.AutoOptions(Context("auto:startup_trials=4,gaussian_process_trials=50,gaussian_process_max_trials=300,multi_objective_tpe_trials=100", seed: 5)));
        Assert.Equal(new AutoSamplerOptions(), SamplerRegistry.AutoOptions(Context("auto", null)));
    }

    [Fact]
    public void Only_a_seed_gives_the_study_default_sampler_with_that_seed()
    {
        var sampler = Assert.IsType<AutoSampler>(SamplerRegistry.Create(null, 5, null));
        Assert.Equal(new AutoSamplerOptions { Seed = 5 }, sampler.Options);
        Assert.Equal(new TpeSamplerOptions { Seed = 5 }, Assert.IsType<TpeSampler>(SamplerRegistry.Create("tpe", 5, null)).Options);
    }

    [Fact]
    public void Sampler_errors_name_the_option_and_the_value()
    {
        Assert.Equal(
            "gp has no option acq; its options are: seed, startup_trials, acquisition, ucb_beta, knowledge_gradient_points, kernel_prior, warp_outputs, "
            + "deterministic_objective, pending_trials, candidate_points, local_searches, refit_fraction, max_fit_trials.",
            SamplerError("gp:acq=ucb"));
        Assert.Equal(
            "option acquisition of gp must be one of log_expected_improvement, upper_confidence_bound, probability_of_improvement, knowledge_gradient, but is 'ei'.",
            SamplerError("gp:acquisition=ei"));
        Assert.Equal("option sigma0 of cmaes must be a number, but is 'wide'.", SamplerError("cmaes:sigma0=wide"));
        Assert.Equal("option restart_strategy of cmaes must be one of none, ipop, bipop, but is 'often'.", SamplerError("cmaes:restart_strategy=often"));
        Assert.Contains("sampler cmaes: PopulationSize must be at least 2, but got 1.", SamplerError("cmaes:population_size=1"));
        Assert.Equal("option startup_trials of auto must be a whole number, but is '2.5'.", SamplerError("auto:startup_trials=2.5"));
        Assert.Contains("sampler auto: StartupTrials must be at least 1, but got 0.", SamplerError("auto:startup_trials=0"));
        Assert.Contains("sampler gp: UcbBeta must be a finite number >= 0, but got -1.", SamplerError("gp:ucb_beta=-1"));
        Assert.Contains("known samplers: tpe, gp, cmaes, auto,", SamplerError("cma"));
    }

    [Fact]
    public void Every_pruner_name_makes_its_pruner_with_its_options()
    {
        Assert.Equal(
            new PercentilePrunerOptions { Percentile = 25, StartupTrials = 2, WarmupSteps = 3, IntervalSteps = 2, MinTrials = 4 },
            Pruner<PercentilePruner>("percentile:percentile=25,startup_trials=2,warmup_steps=3,interval_steps=2,min_trials=4").Options);
        Assert.Equal(new PercentilePrunerOptions(), Pruner<PercentilePruner>("percentile").Options);

        Assert.Equal(
            new SuccessiveHalvingPrunerOptions { MinResource = 2, ReductionFactor = 3, MinEarlyStoppingRate = 1, BootstrapCount = 2 },
            Pruner<SuccessiveHalvingPruner>("successive-halving:min_resource=2,reduction_factor=3,min_early_stopping_rate=1,bootstrap_count=2").Options);
        Assert.Equal(new SuccessiveHalvingPrunerOptions { ReductionFactor = 2 }, Pruner<SuccessiveHalvingPruner>("asha:reduction_factor=2").Options);
        Assert.Equal(new SuccessiveHalvingPrunerOptions(), Pruner<SuccessiveHalvingPruner>("successive_halving").Options);

        Assert.Equal(
            new HyperbandPrunerOptions { MinResource = 3, ReductionFactor = 3 },
            Pruner<HyperbandPruner>("hyperband:min_resource=3,reduction_factor=3").Options);
        Assert.Equal(
            new HyperbandPrunerOptions { MaxResource = 27, SamplerTrials = HyperbandSamplerTrials.LargestBudget, BootstrapCount = 2 },
            Pruner<HyperbandPruner>("hyperband:max_resource=27,sampler_trials=largest_budget,bootstrap_count=2").Options);

        Assert.Equal(
            new ThresholdPrunerOptions { Lower = -1.5, Upper = 1e3, WarmupSteps = 2, IntervalSteps = 5 },
            Pruner<ThresholdPruner>("threshold:lower=-1.5,upper=1e3,warmup_steps=2,interval_steps=5").Options);
        Assert.Equal(new ThresholdPrunerOptions { Upper = 10 }, Pruner<ThresholdPruner>("threshold:upper=10").Options);

        Assert.Equal(
            new WilcoxonPrunerOptions { PThreshold = 0.05, StartupSteps = 4, ContinuityCorrection = false },
            Pruner<WilcoxonPruner>("wilcoxon:p_threshold=0.05,startup_steps=4,continuity_correction=false").Options);
        Assert.Equal(new WilcoxonPrunerOptions(), Pruner<WilcoxonPruner>("wilcoxon").Options);
    }

    [Fact]
    public void A_patient_pruner_wraps_the_pruner_named_last_with_its_own_options()
    {
        var alone = Pruner<PatientPruner>("patient:patience=3,min_delta=0.5").Options;
        Assert.Equal(new PatientPrunerOptions { Patience = 3, MinDelta = 0.5 }, alone);
        Assert.Null(alone.Wrapped);

        var patient = Pruner<PatientPruner>("patient:patience=2,wrapped=median:startup_trials=1,warmup_steps=4");
        Assert.Equal(2, patient.Options.Patience);
        var median = Assert.IsType<MedianPruner>(patient.Options.Wrapped);
        Assert.Equal(new MedianPrunerOptions { StartupTrials = 1, WarmupSteps = 4 }, median.Options);

        Assert.IsType<NopPruner>(Pruner<PatientPruner>("patient:wrapped=nop").Options.Wrapped);
        var outer = Pruner<PatientPruner>("patient:patience=5,wrapped=patient:patience=1,wrapped=hyperband:min_resource=2");
        var inner = Assert.IsType<PatientPruner>(outer.Options.Wrapped);
        Assert.Equal(1, inner.Options.Patience);
        Assert.Equal(2, Assert.IsType<HyperbandPruner>(inner.Options.Wrapped).Options.MinResource);
    }

    [Fact]
    public void Pruner_errors_name_the_option_and_the_value()
    {
        Assert.Equal(
            "hyperband has no option eta; its options are: min_resource, max_resource, reduction_factor, sampler_trials, bootstrap_count.",
            PrunerError("hyperband:eta=3"));
        Assert.Equal("option reduction_factor of hyperband must be a whole number, but is 'three'.", PrunerError("hyperband:reduction_factor=three"));
        Assert.Equal(
            "option sampler_trials of hyperband must be one of all, bracket, informative, largest_budget, but is 'best'.",
            PrunerError("hyperband:sampler_trials=best"));
        Assert.Contains("pruner hyperband: ReductionFactor must be >= 2, but got 1.", PrunerError("hyperband:reduction_factor=1"));
        Assert.Equal("asha has no option max_resource; its options are: min_resource, reduction_factor, min_early_stopping_rate, bootstrap_count.", PrunerError("asha:max_resource=9"));
        Assert.Equal("option percentile of percentile must be a number, but is 'half'.", PrunerError("percentile:percentile=half"));
        Assert.Contains("pruner percentile: Percentile must be in [0, 100], but got 150.", PrunerError("percentile:percentile=150"));
        Assert.Contains("pruner threshold: Lower must be <= Upper, but got Lower 2 and Upper 1.", PrunerError("threshold:lower=2,upper=1"));
        Assert.Equal("option continuity_correction of wilcoxon must be true or false, but is 'maybe'.", PrunerError("wilcoxon:continuity_correction=maybe"));
        Assert.Contains("pruner wilcoxon: PThreshold", PrunerError("wilcoxon:p_threshold=2"));
        Assert.Equal("option patience of patient must be a whole number, but is 'long'.", PrunerError("patient:patience=long"));
        Assert.Equal("median has no option warmup; its options are: startup_trials, warmup_steps, interval_steps, min_trials.", PrunerError("patient:wrapped=median:warmup=2"));
        Assert.Equal(
            "unknown pruner 'medain'; known pruners: median, percentile, successive-halving, asha, hyperband, threshold, patient, wilcoxon, nop.",
            PrunerError("patient:wrapped=medain"));
        Assert.Equal(ExitCodes.BadInput, Assert.Throws<CliException>(() => PrunerRegistry.Create("threshold:lower=x")).ExitCode);
    }

    private static SamplerContext Context(string spec, int? seed) => new(ComponentSpec.Parse(spec, "sampler"), seed, null);

    private static T Pruner<T>(string spec)
        where T : Pruner => Assert.IsType<T>(PrunerRegistry.Create(spec));

    private static string SamplerError(string spec) => Assert.Throws<CliException>(() => SamplerRegistry.Create(spec, null, null)).Message;

    private static string PrunerError(string spec) => Assert.Throws<CliException>(() => PrunerRegistry.Create(spec)).Message;
}
