namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>Marshals <see cref="DBusValue"/>s: each aligned for its type, containers with their lengths and padding.</summary>
internal sealed partial class WireWriter
{
    /// <summary>Writes one value; <paramref name="depth"/> counts the containers around it, variants included.</summary>
    public void WriteValue(DBusValue value, int depth)
    {
        switch (value)
        {
            case DBusByte v: WriteByte(v.Value); break;
            case DBusBoolean v: WriteUInt32(v.Value ? 1u : 0u); break;
            case DBusInt16 v: WriteUInt16(unchecked((ushort)v.Value)); break;
            case DBusUInt16 v: WriteUInt16(v.Value); break;
            case DBusInt32 v: WriteUInt32(unchecked((uint)v.Value)); break;
            case DBusUInt32 v: WriteUInt32(v.Value); break;
            case DBusInt64 v: WriteUInt64(unchecked((ulong)v.Value)); break;
            case DBusUInt64 v: WriteUInt64(v.Value); break;
            case DBusDouble v: WriteUInt64(BitConverter.DoubleToUInt64Bits(v.Value)); break;
            case DBusString v: WriteString(v.Value); break;
            case DBusObjectPath v: WriteString(v.Value); break;
            case DBusSignature v: WriteSignature(v.Value); break;
            case DBusArray v: WriteArray(v, Enter(depth)); break;
            case DBusStruct v: WriteFields(v.Fields, Enter(depth)); break;
            case DBusDictEntry v: WriteFields([v.Key, v.Value], Enter(depth)); break;
            case DBusVariant v: WriteVariant(v, Enter(depth)); break;
            default: throw new ArgumentException($"{value.GetType().Name} cannot be marshalled", nameof(value));
        }
    }

    private static int Enter(int depth) => depth < DBusLimits.MaxTotalNesting
        ? depth + 1
        : throw new ArgumentException($"values nest more than {DBusLimits.MaxTotalNesting} containers deep, variants included");

    private void WriteArray(DBusArray array, int depth)
    {
        WriteUInt32(0);
        var lengthPosition = Position - 4;

        // The padding to the first element is there even for an empty array, and the length excludes it.
        Align(DBusType.AlignmentOf(array.ElementSignature[0]));
        var start = Position;
        foreach (var item in array.Items)
        {
            WriteValue(item, depth);
        }

        var length = Position - start;
        if (length > DBusLimits.MaxArrayLength)
        {
            throw new ArgumentException($"an array of {length} bytes exceeds the D-Bus limit of {DBusLimits.MaxArrayLength}");
        }

        PatchUInt32(lengthPosition, (uint)length);
    }

    private void WriteFields(IReadOnlyList<DBusValue> fields, int depth)
    {
        Align(8);
        foreach (var field in fields)
        {
            WriteValue(field, depth);
        }
    }

    private void WriteVariant(DBusVariant variant, int depth)
    {
        // The inner value's signature is checked as a whole: a struct nested 33 deep, or a dict
        // entry outside an array, must not reach the wire.
        if (!SignatureParser.TryParseSingle(variant.Value.Signature, out _, out var problem))
        {
            throw new ArgumentException($"variant cannot hold this value: {problem}", nameof(variant));
        }

        WriteSignature(variant.Value.Signature);
        WriteValue(variant.Value, depth);
    }
}
