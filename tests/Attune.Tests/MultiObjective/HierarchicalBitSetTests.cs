using Attune.Randomness;
using Attune.MultiObjective;

namespace Attune.Tests.MultiObjective;

public class HierarchicalBitSetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(4096)]
    [InlineData(5000)]
    [InlineData(262_145)]
    public void Matches_a_sorted_set_under_random_operations(int capacity)
    {
        var random = new SeededRandom((ulong)(capacity));
        var set = new HierarchicalBitSet(capacity);
        for (var round = 0; round < 2; round++)
        {
            // Second round reuses the storage with a smaller capacity after a reset.
            var size = round == 0 ? capacity : Math.Max(1, capacity / 3);
            set.Reset(size);
            var expected = new SortedSet<int>();
            for (var step = 0; step < 3000; step++)
            {
                var value = random.NextInt32(size);
                if (random.NextInt32(3) > 0)
                {
                    set.Add(value);
                    expected.Add(value);
                }
                else
                {
                    set.Remove(value);
                    expected.Remove(value);
                }

                var probe = (int)random.NextInt64(size + 2) - 1;
                var next = expected.GetViewBetween(Math.Max(probe, 0), int.MaxValue);
                Assert.Equal(probe >= size || next.Count == 0 ? -1 : next.Min, set.Next(probe));
                var previous = expected.GetViewBetween(int.MinValue, probe);
                Assert.Equal(probe < 0 || previous.Count == 0 ? -1 : previous.Max, set.Previous(probe));
            }
        }
    }
}
