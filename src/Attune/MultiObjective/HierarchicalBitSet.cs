using System.Numerics;

namespace Attune.MultiObjective;

/// <summary>
/// A set of integers in <c>[0, capacity)</c> stored as a 64-ary tree of bit words, giving
/// insertion, removal, successor and predecessor queries in O(log64 capacity) word operations.
/// Level 0 holds one bit per element; a bit at level <c>k + 1</c> is set iff the corresponding
/// word at level <c>k</c> is non-zero.
/// </summary>
internal sealed class HierarchicalBitSet
{
    private readonly ulong[][] _levels;
    private readonly int[] _levelWords;
    private int _levelCount;
    private int _capacity;

    /// <summary>Allocates storage for sets with up to <paramref name="maxCapacity"/> elements.</summary>
    public HierarchicalBitSet(int maxCapacity)
    {
        var sizes = new List<int>();
        var words = WordsFor(maxCapacity);
        while (true)
        {
            sizes.Add(words);
            if (words == 1)
            {
                break;
            }

            words = WordsFor(words);
        }

        _levels = new ulong[sizes.Count][];
        for (var level = 0; level < sizes.Count; level++)
        {
            _levels[level] = new ulong[sizes[level]];
        }

        _levelWords = new int[sizes.Count];
        Reset(maxCapacity);
    }

    /// <summary>Empties the set and sets its capacity (at most the capacity given at construction).</summary>
    public void Reset(int capacity)
    {
        _capacity = capacity;
        var words = WordsFor(capacity);
        var level = 0;
        while (true)
        {
            _levelWords[level] = words;
            Array.Clear(_levels[level], 0, words);
            level++;
            if (words == 1)
            {
                break;
            }

            words = WordsFor(words);
        }

        _levelCount = level;
    }

    /// <summary>Adds <paramref name="value"/> (which must be in range).</summary>
    public void Add(int value)
    {
        for (var level = 0; level < _levelCount; level++)
        {
            var word = value >> 6;
            var before = _levels[level][word];
            _levels[level][word] = before | (1UL << (value & 63));
            if (before != 0)
            {
                return;
            }

            value = word;
        }
    }

    /// <summary>Removes <paramref name="value"/> (which must be in range).</summary>
    public void Remove(int value)
    {
        for (var level = 0; level < _levelCount; level++)
        {
            var word = value >> 6;
            var after = _levels[level][word] & ~(1UL << (value & 63));
            _levels[level][word] = after;
            if (after != 0)
            {
                return;
            }

            value = word;
        }
    }

    /// <summary>Returns the smallest element that is at least <paramref name="value"/>, or -1.</summary>
    public int Next(int value)
    {
        if (value >= _capacity)
        {
            return -1;
        }

        if (value < 0)
        {
            value = 0;
        }

        var level = 0;
        while (true)
        {
            var word = value >> 6;
            var bits = _levels[level][word] & (ulong.MaxValue << (value & 63));
            if (bits != 0)
            {
                value = (word << 6) + BitOperations.TrailingZeroCount(bits);
                break;
            }

            level++;
            value = word + 1;
            if (level == _levelCount || (value >> 6) >= _levelWords[level])
            {
                return -1;
            }
        }

        while (level > 0)
        {
            level--;
            value = (value << 6) + BitOperations.TrailingZeroCount(_levels[level][value]);
        }

        return value;
    }

    /// <summary>Returns the largest element that is at most <paramref name="value"/>, or -1.</summary>
    public int Previous(int value)
    {
        if (value < 0)
        {
            return -1;
        }

        if (value >= _capacity)
        {
            value = _capacity - 1;
        }

        var level = 0;
        while (true)
        {
            var word = value >> 6;
            var bit = value & 63;
            var mask = bit == 63 ? ulong.MaxValue : (1UL << (bit + 1)) - 1;
            var bits = _levels[level][word] & mask;
            if (bits != 0)
            {
                value = (word << 6) + 63 - BitOperations.LeadingZeroCount(bits);
                break;
            }

            if (word == 0)
            {
                return -1;
            }

            level++;
            value = word - 1;
        }

        while (level > 0)
        {
            level--;
            value = (value << 6) + 63 - BitOperations.LeadingZeroCount(_levels[level][value]);
        }

        return value;
    }

    private static int WordsFor(int bits) => Math.Max(1, (bits + 63) >> 6);
}
