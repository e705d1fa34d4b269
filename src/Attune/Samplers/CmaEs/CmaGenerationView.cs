namespace Attune.Samplers;

/// <summary>
/// One generation's population as the trials show it: for each of the λ slots, the evaluated trial that
/// fills it, whether a running trial holds it, and how many holders failed; and the overflow trials
/// (sampled from this generation after every slot was taken).
/// </summary>
internal sealed class CmaGenerationView
{
    /// <summary>Creates an empty view.</summary>
    /// <param name="populationSize">λ.</param>
    public CmaGenerationView(int populationSize)
    {
        Filled = new (CmaClaim, TrialRecord, double, bool)?[populationSize];
        PendingTrial = Enumerable.Repeat(-1, populationSize).ToArray();
        Draws = new int[populationSize];
    }

    /// <summary>The evaluated trial of each slot, with its claim, its value to minimize and whether it was carried over from the previous generation.</summary>
    public (CmaClaim Claim, TrialRecord Trial, double Value, bool Carried)?[] Filled { get; }

    /// <summary>The running trial (other than the asking one) that holds each slot, or −1.</summary>
    public int[] PendingTrial { get; }

    /// <summary>How many holders of each slot failed (the draw a new holder takes).</summary>
    public int[] Draws { get; }

    /// <summary>Evaluated overflow trials, by trial number.</summary>
    public List<(CmaClaim Claim, TrialRecord Trial, double Value, bool Carried)> OverflowFinished { get; } = [];

    /// <summary>Running overflow trials.</summary>
    public List<int> OverflowRunning { get; } = [];

    /// <summary>The number of filled slots.</summary>
    public int FilledCount => Filled.Count(f => f is not null);

    /// <summary>Whether enough members are evaluated for an update: filled slots plus evaluated overflow trials reach λ.</summary>
    public bool IsComplete => FilledCount + OverflowFinished.Count >= Filled.Length;

    /// <summary>The slots neither filled nor held, in order.</summary>
    /// <returns>The free slots.</returns>
    public List<int> FreeSlots()
    {
        var free = new List<int>();
        for (var j = 0; j < Filled.Length; j++)
        {
            if (Filled[j] is null && PendingTrial[j] < 0)
            {
                free.Add(j);
            }
        }

        return free;
    }
}
