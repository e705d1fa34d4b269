namespace Attune.Cli;

/// <summary>How <c>attune run</c> runs each trial's program.</summary>
/// <param name="Command">The program and its own arguments; the parameters follow as <c>--name value</c>.</param>
/// <param name="Space">The parameters to suggest, in order.</param>
/// <param name="TrialTimeout">How long one trial may run before it is killed and failed, or <see langword="null"/>.</param>
/// <param name="ShowOutput">Whether to copy the program's output lines to standard error, prefixed with the trial number.</param>
/// <param name="Log">Where messages and copied output go (synchronized).</param>
/// <param name="Time">The clock for per-trial timeouts.</param>
internal sealed record RunSettings(
    IReadOnlyList<string> Command,
    SearchSpace Space,
    TimeSpan? TrialTimeout,
    bool ShowOutput,
    TextWriter Log,
    TimeProvider Time);
