using System.Globalization;
using System.Text;

namespace Attune.Pruners;

/// <summary>
/// Hyperband's brackets once the maximum resource is known: bracket b is a successive-halving rule
/// with early-stopping rate b, and receives a share of the trials proportional to Hyperband's
/// allocation ceil(n·η^s / (s + 1)), s = n − 1 − b. A trial's bracket is
/// crc32("{study name}_{trial number}") mod the total allocation, walked through the brackets in
/// order (Optuna's assignment, so Python and .NET workers of one study agree). Thread-safe.
/// </summary>
internal sealed class HyperbandBrackets
{
    private readonly long[] allocations;
    private readonly long totalAllocation;
    private PrefixRegister? prefix;

    public HyperbandBrackets(int minResource, long maxResource, int reductionFactor, int bootstrapCount)
    {
        var count = BracketCountFor(minResource, maxResource, reductionFactor);
        var budgets = new List<long> { minResource };
        while (budgets[^1] <= maxResource / reductionFactor)
        {
            budgets.Add(budgets[^1] * reductionFactor);
        }

        Budgets = budgets;
        allocations = new long[count];
        Rules = new SuccessiveHalvingRule[count];
        for (var bracket = 0; bracket < count; bracket++)
        {
            var s = count - 1 - bracket;
            var power = 1L;
            for (var i = 0; i < s; i++)
            {
                power *= reductionFactor;
            }

            allocations[bracket] = ((count * power) + s) / (s + 1);
            totalAllocation += allocations[bracket];
            Rules[bracket] = new SuccessiveHalvingRule(minResource, reductionFactor, bracket, bootstrapCount);
        }
    }

    /// <summary>The rung steps of bracket 0 (which include every other bracket's), ascending.</summary>
    public IReadOnlyList<long> Budgets { get; }

    /// <summary>The successive-halving rule of each bracket.</summary>
    public SuccessiveHalvingRule[] Rules { get; }

    /// <summary>The number of brackets.</summary>
    public int Count => allocations.Length;

    /// <summary>The share of trials each bracket receives, in units of <see cref="TotalAllocation"/>.</summary>
    public IReadOnlyList<long> Allocations => allocations;

    /// <summary>The sum of the allocations.</summary>
    public long TotalAllocation => totalAllocation;

    /// <summary>
    /// floor(log_η(R / r)) + 1, computed exactly in integers: the number of rungs r·η^k that fit in R.
    /// (Optuna computes the logarithm in floating point, which gives one bracket fewer when R / r is an
    /// exact power of η that rounds down, e.g. 243 = 3^5.)
    /// </summary>
    public static int BracketCountFor(long minResource, long maxResource, int reductionFactor)
    {
        var count = 1;
        var step = minResource;
        while (step <= maxResource / reductionFactor)
        {
            step *= reductionFactor;
            count++;
        }

        return count;
    }

    /// <summary>The bracket of trial <paramref name="trialNumber"/> of the study named <paramref name="studyName"/>.</summary>
    public int BracketOf(string studyName, int trialNumber)
    {
        var cached = prefix;
        if (cached is null || !string.Equals(cached.StudyName, studyName, StringComparison.Ordinal))
        {
            cached = new PrefixRegister(studyName, Crc32.Append(Crc32.Initial, Encoding.UTF8.GetBytes(studyName + "_")));
            prefix = cached;
        }

        Span<byte> digits = stackalloc byte[16];
        trialNumber.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        var hash = Crc32.Finish(Crc32.Append(cached.Register, digits[..written]));
        var n = hash % totalAllocation;
        for (var bracket = 0; bracket < allocations.Length; bracket++)
        {
            n -= allocations[bracket];
            if (n < 0)
            {
                return bracket;
            }
        }

        throw new InvalidOperationException("Unreachable: the allocations add up to the total.");
    }

    /// <summary>The CRC register after "{study name}_", cached for the last study seen.</summary>
    private sealed record PrefixRegister(string StudyName, uint Register);
}
