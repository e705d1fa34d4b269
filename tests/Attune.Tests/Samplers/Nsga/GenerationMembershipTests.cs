using Attune.Samplers;

namespace Attune.Tests.Samplers.Nsga;

/// <summary>When a generation's members are settled, so that every worker that closes it picks the same trials.</summary>
public class GenerationMembershipTests
{
    private const string Key = "nsga2:generation";

    private static TrialRecord T(int number, TrialState state, long? generation)
    {
        var attrs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (generation is { } g)
        {
            attrs[Key] = g;
        }

        return new TrialRecord { Number = number, State = state, Values = state == TrialState.Complete ? [1.0, 1.0] : null, SystemAttrs = attrs };
    }

    private static int[]? Settled(params TrialRecord[] trials)
    {
        var state = new NsgaStudyState(Key);
        state.Refresh(trials);
        return state.SettledMembers(0, 3, 3, trials);
    }

    [Fact]
    public void The_first_complete_trials_by_number_are_the_members_once_nothing_below_them_runs()
    {
        Assert.Equal(
            new[] { 0, 2, 3 },
            Settled(T(0, TrialState.Complete, 0), T(1, TrialState.Fail, 0), T(2, TrialState.Complete, 0), T(3, TrialState.Complete, 0), T(4, TrialState.Complete, 0), T(5, TrialState.Running, 0)));
        Assert.Null(Settled(T(0, TrialState.Complete, 0), T(1, TrialState.Running, 0), T(2, TrialState.Complete, 0)));
    }

    [Fact]
    public void A_running_trial_below_the_last_member_holds_the_generation_if_it_may_belong_to_it()
    {
        // Tagged with this generation: it could complete and become a member.
        Assert.Null(Settled(T(0, TrialState.Complete, 0), T(1, TrialState.Running, 0), T(2, TrialState.Complete, 0), T(3, TrialState.Complete, 0)));

        // Not tagged yet: its worker may still tag it with this generation.
        Assert.Null(Settled(T(0, TrialState.Complete, 0), T(1, TrialState.Running, null), T(2, TrialState.Complete, 0), T(3, TrialState.Complete, 0)));

        // Tagged with another generation, or waiting to be started: it cannot.
        Assert.Equal(new[] { 0, 2, 3 }, Settled(T(0, TrialState.Complete, 0), T(1, TrialState.Running, 1), T(2, TrialState.Complete, 0), T(3, TrialState.Complete, 0)));
        Assert.Equal(new[] { 0, 2, 3 }, Settled(T(0, TrialState.Complete, 0), T(1, TrialState.Waiting, null), T(2, TrialState.Complete, 0), T(3, TrialState.Complete, 0)));
    }

    [Fact]
    public void A_trial_that_runs_for_three_populations_no_longer_holds_the_generation()
    {
        var trials = new List<TrialRecord> { T(0, TrialState.Running, 0) };
        for (var n = 1; n <= 8; n++)
        {
            trials.Add(T(n, TrialState.Complete, 0));
        }

        Assert.Null(Settled([.. trials]));
        trials.Add(T(9, TrialState.Complete, 0));
        Assert.Equal(new[] { 1, 2, 3 }, Settled([.. trials]));
    }

    [Fact]
    public void Members_do_not_change_when_later_trials_finish()
    {
        var state = new NsgaStudyState(Key);
        TrialRecord[] early = [T(0, TrialState.Complete, 0), T(1, TrialState.Complete, 0), T(2, TrialState.Running, 0), T(3, TrialState.Complete, 0), T(4, TrialState.Running, 0)];
        state.Refresh(early);
        Assert.Null(state.SettledMembers(0, 3, 3, early));

        TrialRecord[] later = [T(0, TrialState.Complete, 0), T(1, TrialState.Complete, 0), T(2, TrialState.Complete, 0), T(3, TrialState.Complete, 0), T(4, TrialState.Complete, 0)];
        state.Refresh(later);
        Assert.Equal(new[] { 0, 1, 2 }, state.SettledMembers(0, 3, 3, later));
    }
}
