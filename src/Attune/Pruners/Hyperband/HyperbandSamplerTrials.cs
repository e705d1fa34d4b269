namespace Attune.Pruners;

/// <summary>Which trials a model-based sampler learns from under a <see cref="HyperbandPruner"/> (see <see cref="Pruner.TrialsForSampler"/>).</summary>
public enum HyperbandSamplerTrials
{
    /// <summary>All of the study's trials as they are (a TPE sampler ranks pruned trials below complete ones, by the step they reached).</summary>
    All,

    /// <summary>The trials of the sampled trial's own bracket, as they are (Optuna's BOHB-like mode).</summary>
    Bracket,

    /// <summary>
    /// The complete and running trials, and the pruned trials whose pruning step predicts the final
    /// ranking: Spearman's ρ between the completed trials' values at that step and their final values
    /// is at least 0.5 (the least over objectives); until 5 trials have completed there is no evidence
    /// either way and every pruned trial is kept. Trials pruned where early values say nothing about
    /// the end (e.g. after one epoch of an untrained network, which Hyperband's first bracket judges)
    /// would only teach the sampler noise about where the bad regions are. Attune's BOHB.
    /// </summary>
    Informative,

    /// <summary>
    /// BOHB's rule (Falkner et al. 2018): every trial that reached the largest budget (a rung step, or
    /// completion) with enough observations, shown as complete with its value at that budget. A budget
    /// has enough observations when at least max(10, 2·(d + 1)) trials reached it, d being the number
    /// of parameters.
    /// </summary>
    LargestBudget,
}
