namespace Attune.Cli;

/// <summary>The exit codes of <c>attune</c>; scripts can rely on them (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected error (a bug, or an error the other codes do not cover).</summary>
    public const int Error = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing argument, a value of the wrong form.</summary>
    public const int Usage = 2;

    /// <summary>The study does not exist in the storage.</summary>
    public const int StudyNotFound = 3;

    /// <summary>A study with that name already exists.</summary>
    public const int StudyExists = 4;

    /// <summary>Bad input: malformed JSON or YAML, an invalid search space or distribution, a value that does not fit, an unknown sampler or pruner.</summary>
    public const int BadInput = 5;

    /// <summary>The storage cannot be used: a malformed or unknown URL, a missing provider package, a missing or unreadable file.</summary>
    public const int Storage = 6;

    /// <summary>There is no result to show: no complete trial for best-trial/best-trials, no trial with the given number.</summary>
    public const int NoResult = 7;

    /// <summary><c>attune run</c>: every trial of the run failed (none completed or was pruned).</summary>
    public const int AllTrialsFailed = 8;

    /// <summary><c>attune run</c>: the command to tune could not be started (not found, not executable).</summary>
    public const int CommandNotStarted = 9;

    /// <summary>Interrupted (Ctrl+C or SIGTERM); running trials were stopped and recorded as failed.</summary>
    public const int Interrupted = 130;
}
