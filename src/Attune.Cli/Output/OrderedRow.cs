using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Attune.Cli;

/// <summary>A read-only dictionary that keeps its keys in insertion order, so JSON objects print their fields in a stable order.</summary>
internal sealed class OrderedRow : IReadOnlyDictionary<string, object?>
{
    private readonly List<KeyValuePair<string, object?>> items = [];
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

    public int Count => items.Count;

    public IEnumerable<string> Keys => items.Select(p => p.Key);

    public IEnumerable<object?> Values => items.Select(p => p.Value);

    public object? this[string key] => items[index[key]].Value;

    public void Add(string key, object? value)
    {
        if (index.TryGetValue(key, out var i))
        {
            items[i] = new(key, value);
            return;
        }

        index[key] = items.Count;
        items.Add(new(key, value));
    }

    public bool ContainsKey(string key) => index.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (index.TryGetValue(key, out var i))
        {
            value = items[i].Value;
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
