using CloudSharkHardening.Agent.Systemd.DBus.Wire;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// A D-Bus ARRAY (signature <c>a</c> + element). The element type is stated, not guessed from
/// the items, because an empty array still has one (<c>as</c> and <c>a{sv}</c> differ on the wire).
/// An array of dict entries is a D-Bus dictionary (<c>a{sv}</c>).
/// </summary>
public sealed record DBusArray : DBusValue
{
    /// <summary>An array of <paramref name="items"/>, each of which must have <paramref name="elementSignature"/>.</summary>
    public DBusArray(string elementSignature, IEnumerable<DBusValue> items)
    {
        ArgumentNullException.ThrowIfNull(elementSignature);
        ArgumentNullException.ThrowIfNull(items);
        if (!SignatureParser.TryParseSingle("a" + elementSignature, out _, out var problem))
        {
            throw new ArgumentException(problem, nameof(elementSignature));
        }

        Items = [.. items];
        if (Items.FirstOrDefault(item => item.Signature != elementSignature) is { } stray)
        {
            throw new ArgumentException($"an array of '{elementSignature}' cannot hold {stray} of type '{stray.Signature}'", nameof(items));
        }

        ElementSignature = elementSignature;
        Signature = "a" + elementSignature;
    }

    /// <summary>The signature every item has.</summary>
    public string ElementSignature { get; }

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<DBusValue> Items { get; }

    /// <inheritdoc/>
    public override string Signature { get; }

    /// <summary>
    /// The entries of a dictionary with string keys (<c>a{sv}</c>, <c>a{ss}</c>) by key; a key
    /// that appears twice keeps its last value, as the D-Bus bindings do.
    /// </summary>
    public IReadOnlyDictionary<string, DBusValue> ToStringDictionary()
    {
        if (!ElementSignature.StartsWith("{s", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"an array of '{ElementSignature}' is not a dictionary with string keys");
        }

        var dictionary = new Dictionary<string, DBusValue>(StringComparer.Ordinal);
        foreach (var entry in Items.Cast<DBusDictEntry>())
        {
            dictionary[((DBusString)entry.Key).Value] = entry.Value;
        }

        return dictionary;
    }

    /// <summary>Equal when the element types and all items are equal, in order.</summary>
    public bool Equals(DBusArray? other) =>
        other is not null && ElementSignature == other.ElementSignature && Items.SequenceEqual(other.Items);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ElementSignature, Items.Count, Items.Count > 0 ? Items[0] : null);

    /// <inheritdoc/>
    public override string ToString() => $"@{Signature} [{string.Join(", ", Items)}]";
}
