namespace Attune.Pruners;

/// <summary>A pruner that never prunes.</summary>
public sealed class NopPruner : Pruner
{
    /// <inheritdoc/>
    public override bool Prune(Study study, TrialRecord trial) => false;
}
