using Attune.Forests;
using Attune.Randomness;

namespace Attune.Importances;

/// <summary>An importance evaluator that fits a random forest to the trials (parameter coordinates as features, the target as response).</summary>
public abstract class RandomForestImportanceEvaluator : ImportanceEvaluator
{
    private const ulong StreamKey = 0x494D504F52544E43UL; // "IMPORTNC"

    private readonly ForestSettings settings;
    private readonly int? seed;

    private protected RandomForestImportanceEvaluator(RandomForestImportanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        settings = new ForestSettings
        {
            Trees = options.Trees,
            MaxDepth = options.MaxDepth,
            MinSamplesSplit = options.MinSamplesSplit,
            MinSamplesLeaf = options.MinSamplesLeaf,
        }.Validated(nameof(options));
        seed = options.Seed;
    }

    private protected RandomForest Fit(ImportanceData data)
    {
        var columns = new double[data.Columns.Count][];
        for (var p = 0; p < columns.Length; p++)
        {
            columns[p] = data.Columns[p].Values;
        }

        var root = seed is { } s ? (ulong)(uint)s : SeededRandom.EntropySeed();
        return RandomForest.Fit(new FeatureMatrix(columns), data.Targets, settings, SeededRandom.Derive(root, StreamKey));
    }
}
