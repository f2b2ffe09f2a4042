namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus DICT_ENTRY (signature <c>{kv}</c>): only ever an element of an array, with a basic key.</summary>
public sealed record DBusDictEntry : DBusValue
{
    /// <summary>An entry; the key must be of a basic type (not an array, struct or variant).</summary>
    public DBusDictEntry(DBusValue key, DBusValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key is DBusArray or DBusStruct or DBusDictEntry or DBusVariant)
        {
            throw new ArgumentException($"a dict entry's key must be a basic type, not '{key.Signature}'", nameof(key));
        }

        Key = key;
        Value = value;
        Signature = "{" + key.Signature + value.Signature + "}";
    }

    /// <summary>The key.</summary>
    public DBusValue Key { get; }

    /// <summary>The value.</summary>
    public DBusValue Value { get; }

    /// <inheritdoc/>
    public override string Signature { get; }

    /// <summary>Splits the entry for pattern matching.</summary>
    public void Deconstruct(out DBusValue key, out DBusValue value) => (key, value) = (Key, Value);

    /// <inheritdoc/>
    public override string ToString() => $"{{{Key}: {Value}}}";
}
