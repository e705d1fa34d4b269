namespace Attune.Terminators;

/// <summary>How a <see cref="Terminator"/> decides that a study should end.</summary>
public sealed record TerminatorOptions
{
    /// <summary>Estimates the room for improvement.</summary>
    /// <value>Default <see langword="null"/>: a <see cref="RegretBoundEvaluator"/> with its defaults.</value>
    public IImprovementEvaluator? ImprovementEvaluator { get; init; }

    /// <summary>Estimates the noise of the evaluation.</summary>
    /// <value>
    /// Default <see langword="null"/>: a <see cref="CrossValidationErrorEvaluator"/>, which needs the objective to report its
    /// scores with <see cref="Terminator.ReportCrossValidationScores(Trial, IReadOnlyList{double})"/>.
    /// </value>
    public IErrorEvaluator? ErrorEvaluator { get; init; }

    /// <summary>How many complete trials the study needs before the terminator can fire.</summary>
    /// <value>Default 20. Must be at least 2.</value>
    public int MinTrials { get; init; } = 20;
}
