namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>A D-Bus STRUCT (signature <c>(...)</c>): one or more fields, e.g. <c>(uo)</c> for a unit's Job property.</summary>
public sealed record DBusStruct : DBusValue
{
    /// <summary>A struct of <paramref name="fields"/>; the specification allows no empty struct.</summary>
    public DBusStruct(params IEnumerable<DBusValue> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = [.. fields];
        if (Fields.Count == 0)
        {
            throw new ArgumentException("a D-Bus struct needs at least one field", nameof(fields));
        }

        Signature = "(" + string.Concat(Fields.Select(field => field.Signature)) + ")";
    }

    /// <summary>The fields, in order.</summary>
    public IReadOnlyList<DBusValue> Fields { get; }

    /// <inheritdoc/>
    public override string Signature { get; }

    /// <summary>Equal when all fields are equal, in order.</summary>
    public bool Equals(DBusStruct? other) => other is not null && Fields.SequenceEqual(other.Fields);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Signature, Fields[0]);

    /// <inheritdoc/>
    public override string ToString() => $"({string.Join(", ", Fields)})";
}
