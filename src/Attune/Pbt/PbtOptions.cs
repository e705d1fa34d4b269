using System.Globalization;
using Attune.Randomness;

namespace Attune.Pbt;

/// <summary>How <see cref="PopulationBasedTraining"/> trains its population.</summary>
public sealed record PbtOptions
{
    /// <summary>The number of members trained side by side; at least 2.</summary>
    /// <value>Default 8.</value>
    public int PopulationSize { get; init; } = 8;

    /// <summary>The number of training steps in a segment: a member exploits and explores after every segment. At least 1.</summary>
    /// <value>Default 10.</value>
    public int PerturbationInterval { get; init; } = 10;

    /// <summary>
    /// The training budget: the steps summed over all members. Each member trains
    /// <c>TotalSteps / PopulationSize</c> steps (rounded down), in segments of <see cref="PerturbationInterval"/>
    /// steps (the last may be shorter). At least <see cref="PopulationSize"/>.
    /// </summary>
    /// <value>Default 1000.</value>
    public long TotalSteps { get; init; } = 1000;

    /// <summary>
    /// The fraction of the population in the bottom and in the top quantile: after a segment, a member ranked in the
    /// bottom quantile copies the checkpoint and hyperparameters of a member drawn from the top quantile, then explores.
    /// The number of members in each is the fraction times the members ranked, rounded up. In (0, 0.5].
    /// </summary>
    /// <value>Default 0.25.</value>
    public double Quantile { get; init; } = 0.25;

    /// <summary>The probability that explore resamples a hyperparameter from its whole range instead of perturbing it. In [0, 1].</summary>
    /// <value>Default 0.25.</value>
    public double ResampleProbability { get; init; } = 0.25;

    /// <summary>
    /// The factors a numeric hyperparameter is multiplied by when perturbed, one drawn at random; the result is kept
    /// inside the hyperparameter's range (and rounded for integers, moving at least one when the factor is not 1).
    /// A categorical moves to the previous or next choice. At least one factor, each positive and finite.
    /// </summary>
    /// <value>Default [0.8, 1.2].</value>
    public IReadOnlyList<double> PerturbationFactors { get; init; } = [0.8, 1.2];

    /// <summary>
    /// Called after the built-in explore with the explored hyperparameters and a seeded random stream; returns the
    /// hyperparameters to use (each inside its range). Not called by <see cref="PbtExplore.Pb2"/>.
    /// </summary>
    /// <value>Default <see langword="null"/>: none.</value>
    public Func<PbtHyperparameters, SeededRandom, IReadOnlyDictionary<string, object?>>? CustomExplore { get; init; }

    /// <summary>How new hyperparameters are chosen after an exploit.</summary>
    /// <value>Default <see cref="PbtExplore.Perturb"/>.</value>
    public PbtExplore Explore { get; init; } = PbtExplore.Perturb;

    /// <summary>Whether members wait for the whole generation before exploiting.</summary>
    /// <value>Default <see cref="PbtMode.Synchronous"/>.</value>
    public PbtMode Mode { get; init; } = PbtMode.Synchronous;

    /// <summary>The number of segments this runner trains at the same time. At least 1.</summary>
    /// <value>Default 1.</value>
    public int Parallelism { get; init; } = 1;

    /// <summary>Whether a larger score is better; must agree with the study's direction.</summary>
    /// <value>Default <see langword="null"/>: the study's direction.</value>
    public StudyDirection? Direction { get; init; }

    /// <summary>The seed of every random decision (initial hyperparameters, exploit targets, explore).</summary>
    /// <value>Default <see langword="null"/>: a seed from the operating system's entropy, recorded in the study so that every runner of the study uses it.</value>
    public int? Seed { get; init; }

    /// <summary>How often a runner with nothing to do re-reads the study for progress made by runners in other processes. Positive.</summary>
    /// <value>Default 100 ms. Progress of this runner's own workers wakes it at once.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Whether a runner that starts fails the segments the study still records as running, so that they are trained
    /// again: use it to resume after a process was killed when no other runner is working on the study. (Runners that
    /// stop by an exception or cancellation record their segment as failed themselves; with the study's heartbeats on,
    /// stale segments are failed automatically.)
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool FailRunningSegmentsOnStart { get; init; }

    /// <summary>Whether to keep every checkpoint instead of deleting those that no member or pending exploit can use any more.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool KeepAllCheckpoints { get; init; }

    /// <summary>The steps each member trains.</summary>
    internal long StepsPerMember => TotalSteps / PopulationSize;

    /// <summary>The number of segments of each member.</summary>
    internal int SegmentCount => (int)((StepsPerMember + PerturbationInterval - 1) / PerturbationInterval);

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it, its value and what is allowed.</exception>
    internal void Validate()
    {
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (PopulationSize < 2)
        {
            throw new ArgumentException($"PopulationSize is {PopulationSize}; population-based training needs at least 2 members.", "options");
        }

        if (PerturbationInterval < 1)
        {
            throw new ArgumentException($"PerturbationInterval is {PerturbationInterval}; it must be at least 1 step.", "options");
        }

        if (TotalSteps < PopulationSize)
        {
            throw new ArgumentException($"TotalSteps is {TotalSteps}; it must be at least PopulationSize ({PopulationSize}) so that every member trains a step.", "options");
        }

        if ((long)SegmentCount * PopulationSize > int.MaxValue / 2)
        {
            throw new ArgumentException($"TotalSteps {TotalSteps} with PerturbationInterval {PerturbationInterval} makes too many segments; raise PerturbationInterval.", "options");
        }

        if (!(Quantile > 0 && Quantile <= 0.5))
        {
            throw new ArgumentException($"Quantile is {F(Quantile)}; it must be in (0, 0.5].", "options");
        }

        if (!(ResampleProbability >= 0 && ResampleProbability <= 1))
        {
            throw new ArgumentException($"ResampleProbability is {F(ResampleProbability)}; it must be in [0, 1].", "options");
        }

        if (PerturbationFactors is null || PerturbationFactors.Count == 0)
        {
            throw new ArgumentException("PerturbationFactors is empty; give at least one factor, e.g. [0.8, 1.2].", "options");
        }

        foreach (var factor in PerturbationFactors)
        {
            if (!(factor > 0 && double.IsFinite(factor)))
            {
                throw new ArgumentException($"PerturbationFactors holds {F(factor)}; every factor must be positive and finite.", "options");
            }
        }

        if (!Enum.IsDefined(Explore))
        {
            throw new ArgumentException($"Explore is {(int)Explore}; use Perturb or Pb2.", "options");
        }

        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"Mode is {(int)Mode}; use Synchronous or Asynchronous.", "options");
        }

        if (Parallelism < 1)
        {
            throw new ArgumentException($"Parallelism is {Parallelism}; it must be at least 1.", "options");
        }

        if (Direction is { } direction && !Enum.IsDefined(direction))
        {
            throw new ArgumentException($"Direction is {(int)direction}; use Minimize or Maximize.", "options");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"PollInterval is {PollInterval}; it must be positive.", "options");
        }
    }
}
