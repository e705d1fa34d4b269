namespace Attune.Cli;

/// <summary>A trial's program failed (non-zero exit, timeout, no result); the trial is recorded as failed and the run goes on.</summary>
internal sealed class TrialCommandException : Exception
{
    public TrialCommandException()
    {
    }

    public TrialCommandException(string message)
        : base(message)
    {
    }

    public TrialCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
