namespace Attune.Pruners;

/// <summary>A pruner that never prunes; it accepts single- and multi-objective studies.</summary>
public sealed class NopPruner : Pruner
{
    /// <inheritdoc/>
    /// <value>Always <see langword="true"/>.</value>
    public override bool SupportsMultiObjective => true;

    /// <inheritdoc/>
    public override bool Prune(Study study, TrialRecord trial) => false;
}
