namespace Attune.Samplers;

/// <summary>
/// Pauses between the re-reads of a claim protocol (<see cref="GridSampler"/>, <see cref="BruteForceSampler"/>):
/// a few yields first, then sleeps that double from 1 ms up to 50 ms. Waiting is counted in the
/// milliseconds slept, not read from a clock, so a test's fake clock cannot make it spin forever.
/// </summary>
internal static class ClaimBackoff
{
    private const int YieldingAttempts = 4;
    private const int LongestSleepMilliseconds = 50;

    /// <summary>Pauses before re-read number <paramref name="attempt"/> (from 0).</summary>
    /// <param name="attempt">How many pauses this wait has made so far.</param>
    /// <returns>The milliseconds slept (0 for a yield).</returns>
    public static int Pause(int attempt)
    {
        if (attempt < YieldingAttempts)
        {
            Thread.Yield();
            return 0;
        }

        var milliseconds = Math.Min(1 << Math.Min(attempt - YieldingAttempts, 6), LongestSleepMilliseconds);
        Thread.Sleep(milliseconds);
        return milliseconds;
    }
}
