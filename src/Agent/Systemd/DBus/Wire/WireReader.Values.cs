namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>Unmarshals values by their parsed type, with the same limits the writer keeps.</summary>
internal sealed partial class WireReader
{
    /// <summary>Reads one value of <paramref name="type"/>; <paramref name="depth"/> counts the containers around it.</summary>
    public DBusValue ReadValue(DBusType type, int depth) => type.Code switch
    {
        'y' => new DBusByte(ReadByte()),
        'b' => new DBusBoolean(ReadBoolean()),
        'n' => new DBusInt16(unchecked((short)ReadUInt16())),
        'q' => new DBusUInt16(ReadUInt16()),
        'i' => new DBusInt32(unchecked((int)ReadUInt32())),
        'u' => new DBusUInt32(ReadUInt32()),
        'x' => new DBusInt64(unchecked((long)ReadUInt64())),
        't' => new DBusUInt64(ReadUInt64()),
        'd' => new DBusDouble(BitConverter.UInt64BitsToDouble(ReadUInt64())),
        's' => new DBusString(ReadString()),
        'o' => new DBusObjectPath(ReadObjectPath()),
        'g' => new DBusSignature(ReadSignature()),
        'a' => ReadArray(type.Children[0], Enter(depth)),
        '(' => new DBusStruct(ReadFields(type.Children, Enter(depth))),
        '{' => ReadDictEntry(type.Children, Enter(depth)),
        'v' => ReadVariant(Enter(depth)),

        // File descriptors travel out of band and this client never negotiates them.
        'h' => throw Malformed("UNIX_FD values are not supported: this connection did not negotiate file descriptor passing"),
        _ => throw Malformed($"unknown type code '{type.Code}'"),
    };

    private int Enter(int depth) => depth < DBusLimits.MaxTotalNesting
        ? depth + 1
        : throw Malformed($"values nest more than {DBusLimits.MaxTotalNesting} containers deep, variants included");

    private DBusArray ReadArray(DBusType element, int depth)
    {
        var length = ReadUInt32();
        if (length > DBusLimits.MaxArrayLength)
        {
            throw Malformed($"array of {length} bytes exceeds the D-Bus limit of {DBusLimits.MaxArrayLength}");
        }

        Align(element.Alignment);
        if (length > Remaining)
        {
            throw Malformed($"array of {length} bytes runs past the end of the message");
        }

        var end = Position + (int)length;
        var items = new List<DBusValue>();

        // Every D-Bus value takes at least one byte, so this loop always advances.
        while (Position < end)
        {
            items.Add(ReadValue(element, depth));
        }

        if (Position != end)
        {
            throw Malformed("the last array element runs past the array's length");
        }

        return new DBusArray(element.Signature, items);
    }

    private List<DBusValue> ReadFields(IReadOnlyList<DBusType> fields, int depth)
    {
        Align(8);
        var values = new List<DBusValue>(fields.Count);
        foreach (var field in fields)
        {
            values.Add(ReadValue(field, depth));
        }

        return values;
    }

    private DBusDictEntry ReadDictEntry(IReadOnlyList<DBusType> fields, int depth)
    {
        var values = ReadFields(fields, depth);
        return new DBusDictEntry(values[0], values[1]);
    }

    private DBusVariant ReadVariant(int depth)
    {
        var signature = ReadSignature();
        if (!SignatureParser.TryParseSingle(signature, out var type, out var problem))
        {
            throw Malformed($"variant: {problem}");
        }

        return new DBusVariant(ReadValue(type!, depth));
    }
}
