using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;

namespace QuickStart;

/// <summary>
/// The hyperparameters of the gradient-boosted-trees classifier that <see cref="DigitsModel"/> trains
/// (ML.NET's LightGBM multiclass trainer, softmax objective). Each has a range, given by the constants
/// of this record, over which it is meant to be searched; <see cref="DigitsModel.ValidationAccuracy(DigitsHyperparameters, CancellationToken)"/>
/// rejects values outside it.
/// </summary>
/// <param name="NumberOfIterations">
/// Boosting rounds (each adds one tree per class). Integer in
/// [<see cref="MinIterations"/>, <see cref="MaxIterations"/>], searched on a log scale.
/// </param>
/// <param name="NumberOfLeaves">
/// Maximum leaves per tree. Integer in [<see cref="MinLeaves"/>, <see cref="MaxLeaves"/>], log scale.
/// </param>
/// <param name="LearningRate">
/// Shrinkage applied to each tree. In [<see cref="MinLearningRate"/>, <see cref="MaxLearningRate"/>], log scale.
/// </param>
/// <param name="MinimumExampleCountPerLeaf">
/// Fewest training rows a leaf may hold. Integer in
/// [<see cref="MinExamplesPerLeaf"/>, <see cref="MaxExamplesPerLeaf"/>], log scale.
/// </param>
/// <param name="FeatureFraction">
/// Share of the 64 pixels that each tree may split on (drawn per tree). In
/// [<see cref="MinFeatureFraction"/>, <see cref="MaxFeatureFraction"/>], linear scale.
/// </param>
/// <param name="L2Regularization">
/// L2 penalty on leaf values. In [<see cref="MinL2Regularization"/>, <see cref="MaxL2Regularization"/>], log scale.
/// </param>
public sealed record DigitsHyperparameters(
    int NumberOfIterations,
    int NumberOfLeaves,
    double LearningRate,
    int MinimumExampleCountPerLeaf,
    double FeatureFraction,
    double L2Regularization)
{
    /// <summary>Lower bound of <see cref="NumberOfIterations"/>.</summary>
    public const int MinIterations = 10;

    /// <summary>Upper bound of <see cref="NumberOfIterations"/>.</summary>
    public const int MaxIterations = 300;

    /// <summary>Lower bound of <see cref="NumberOfLeaves"/>.</summary>
    public const int MinLeaves = 2;

    /// <summary>Upper bound of <see cref="NumberOfLeaves"/>.</summary>
    public const int MaxLeaves = 64;

    /// <summary>Lower bound of <see cref="LearningRate"/>.</summary>
    public const double MinLearningRate = 0.01;

    /// <summary>Upper bound of <see cref="LearningRate"/>.</summary>
    public const double MaxLearningRate = 0.5;

    /// <summary>Lower bound of <see cref="MinimumExampleCountPerLeaf"/>.</summary>
    public const int MinExamplesPerLeaf = 1;

    /// <summary>Upper bound of <see cref="MinimumExampleCountPerLeaf"/>.</summary>
    public const int MaxExamplesPerLeaf = 100;

    /// <summary>Lower bound of <see cref="FeatureFraction"/>.</summary>
    public const double MinFeatureFraction = 0.1;

    /// <summary>Upper bound of <see cref="FeatureFraction"/>.</summary>
    public const double MaxFeatureFraction = 1.0;

    /// <summary>Lower bound of <see cref="L2Regularization"/>.</summary>
    public const double MinL2Regularization = 1e-3;

    /// <summary>Upper bound of <see cref="L2Regularization"/>.</summary>
    public const double MaxL2Regularization = 10.0;

    /// <summary>
    /// A middle-of-the-road configuration, close to LightGBM's own defaults but with fewer rounds,
    /// to compare a tuned result against.
    /// </summary>
    public static DigitsHyperparameters Baseline { get; } = new(
        NumberOfIterations: 50,
        NumberOfLeaves: 16,
        LearningRate: 0.1,
        MinimumExampleCountPerLeaf: 20,
        FeatureFraction: 1.0,
        L2Regularization: 0.01);

    /// <summary>Throws unless every hyperparameter lies in its documented range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value lies outside its range.</exception>
    public void Validate()
    {
        CheckRange(NumberOfIterations, MinIterations, MaxIterations, nameof(NumberOfIterations));
        CheckRange(NumberOfLeaves, MinLeaves, MaxLeaves, nameof(NumberOfLeaves));
        CheckRange(LearningRate, MinLearningRate, MaxLearningRate, nameof(LearningRate));
        CheckRange(MinimumExampleCountPerLeaf, MinExamplesPerLeaf, MaxExamplesPerLeaf, nameof(MinimumExampleCountPerLeaf));
        CheckRange(FeatureFraction, MinFeatureFraction, MaxFeatureFraction, nameof(FeatureFraction));
        CheckRange(L2Regularization, MinL2Regularization, MaxL2Regularization, nameof(L2Regularization));
    }

    /// <summary>Formats the configuration on one line with invariant culture, e.g. for a log.</summary>
    /// <returns>The six values, each named.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"iterations={NumberOfIterations}, leaves={NumberOfLeaves}, learningRate={LearningRate:G4}, " +
        $"minExamplesPerLeaf={MinimumExampleCountPerLeaf}, featureFraction={FeatureFraction:G4}, l2={L2Regularization:G4}");

    private static void CheckRange(double value, double min, double max, string name)
    {
        // Written so that NaN fails too.
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(
                name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must lie in [{min}, {max}]."));
        }
    }
}

/// <summary>
/// Trains a LightGBM multiclass classifier on the training part of <see cref="DigitsData"/> and scores it
/// on the validation part. Everything is seeded, so a given configuration always yields the same accuracy.
/// </summary>
public static class DigitsModel
{
    /// <summary>The seed of the <see cref="MLContext"/> and of LightGBM's own sampling.</summary>
    public const int Seed = 1;

    /// <summary>
    /// Trains with <paramref name="hyperparameters"/> on <see cref="DigitsData.Default"/>'s training rows and
    /// returns the accuracy (share of rows classified correctly, i.e. micro accuracy) on its validation rows.
    /// </summary>
    /// <param name="hyperparameters">The configuration to train; each value must lie in its range.</param>
    /// <param name="cancellationToken">
    /// Observed before training and again before evaluation (ML.NET cannot stop a fit midway).
    /// </param>
    /// <returns>The validation accuracy, in [0, 1]; higher is better.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter lies outside its range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static double ValidationAccuracy(DigitsHyperparameters hyperparameters, CancellationToken cancellationToken = default)
        => ValidationAccuracy(hyperparameters, DigitsData.Default, cancellationToken);

    /// <summary>
    /// Trains with <paramref name="hyperparameters"/> on <paramref name="split"/>'s training rows and returns
    /// the accuracy (micro accuracy) on its validation rows.
    /// </summary>
    /// <param name="hyperparameters">The configuration to train; each value must lie in its range.</param>
    /// <param name="split">The data to train and validate on.</param>
    /// <param name="cancellationToken">
    /// Observed before training and again before evaluation (ML.NET cannot stop a fit midway).
    /// </param>
    /// <returns>The validation accuracy, in [0, 1]; higher is better.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter lies outside its range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static double ValidationAccuracy(
        DigitsHyperparameters hyperparameters, DigitsSplit split, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        ArgumentNullException.ThrowIfNull(split);
        hyperparameters.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        // ML.NET 5 has no public way to interrupt a fit in progress, so the token is observed between
        // the stages; one fit takes well under a second with the documented ranges.
        var context = new MLContext(Seed);
        var model = BuildPipeline(context, hyperparameters).Fit(split.Train);
        cancellationToken.ThrowIfCancellationRequested();
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(split.Validation));
        return metrics.MicroAccuracy;
    }

    /// <summary>
    /// The estimator that <see cref="ValidationAccuracy(DigitsHyperparameters, DigitsSplit, CancellationToken)"/>
    /// fits: the label mapped to a key, then LightGBM with a softmax objective.
    /// </summary>
    /// <param name="context">The context to build in; its seed does not affect LightGBM, which is seeded with <see cref="Seed"/>.</param>
    /// <param name="hyperparameters">The configuration; it is not range-checked here.</param>
    /// <returns>An estimator over columns <c>Features</c> and <c>Label</c> that adds <c>PredictedLabel</c> and <c>Score</c>.</returns>
    public static IEstimator<ITransformer> BuildPipeline(MLContext context, DigitsHyperparameters hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(hyperparameters);

        var options = new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            NumberOfIterations = hyperparameters.NumberOfIterations,
            NumberOfLeaves = hyperparameters.NumberOfLeaves,
            LearningRate = hyperparameters.LearningRate,
            MinimumExampleCountPerLeaf = hyperparameters.MinimumExampleCountPerLeaf,
            Booster = new GradientBooster.Options
            {
                FeatureFraction = hyperparameters.FeatureFraction,
                L2Regularization = hyperparameters.L2Regularization,
            },
            UseSoftmax = true,
            // Seeded, deterministic and single-threaded: the same configuration always gives the same
            // model, and trials run side by side do not compete for the cores.
            Seed = Seed,
            Deterministic = true,
            NumberOfThreads = 1,
            Silent = true,
            Verbose = false,
        };

        return context.Transforms.Conversion
            .MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(context.MulticlassClassification.Trainers.LightGbm(options));
    }
}
