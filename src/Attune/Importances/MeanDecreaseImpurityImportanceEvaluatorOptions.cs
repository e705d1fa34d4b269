namespace Attune.Importances;

/// <summary>Options of <see cref="MeanDecreaseImpurityImportanceEvaluator"/>: its random forest (64 trees of depth up to 64 by default).</summary>
public sealed record MeanDecreaseImpurityImportanceEvaluatorOptions : RandomForestImportanceOptions;
