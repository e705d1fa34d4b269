namespace Attune.Importances;

/// <summary>Options of <see cref="FanovaImportanceEvaluator"/>: its random forest (64 trees of depth up to 64 by default).</summary>
public sealed record FanovaImportanceEvaluatorOptions : RandomForestImportanceOptions;
