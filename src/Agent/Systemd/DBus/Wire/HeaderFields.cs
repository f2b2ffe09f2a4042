namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>The known header fields of a received message, each checked for the type the specification gives it.</summary>
internal sealed record HeaderFields
{
    public string? Path { get; private init; }

    public string? Interface { get; private init; }

    public string? Member { get; private init; }

    public string? ErrorName { get; private init; }

    public uint? ReplySerial { get; private init; }

    public string? Destination { get; private init; }

    public string? Sender { get; private init; }

    public string Signature { get; private init; } = "";

    public static HeaderFields From(DBusArray fields, WireReader reader)
    {
        var known = new Dictionary<HeaderField, DBusValue>();
        foreach (var field in fields.Items.Cast<DBusStruct>())
        {
            var code = (HeaderField)((DBusByte)field.Fields[0]).Value;
            var value = ((DBusVariant)field.Fields[1]).Value;
            if (!Enum.IsDefined(code))
            {
                continue;
            }

            if (value.Signature != ExpectedSignature(code))
            {
                throw reader.Malformed($"header field {code} holds a '{value.Signature}', not a '{ExpectedSignature(code)}'");
            }

            if (!known.TryAdd(code, value))
            {
                throw reader.Malformed($"header field {code} appears twice");
            }
        }

        string? Text(HeaderField code) => known.GetValueOrDefault(code) switch
        {
            DBusString text => text.Value,
            DBusObjectPath path => path.Value,
            DBusSignature signature => signature.Value,
            _ => null,
        };

        return new HeaderFields
        {
            Path = Text(HeaderField.Path),
            Interface = Text(HeaderField.Interface),
            Member = Text(HeaderField.Member),
            ErrorName = Text(HeaderField.ErrorName),
            ReplySerial = (known.GetValueOrDefault(HeaderField.ReplySerial) as DBusUInt32)?.Value,
            Destination = Text(HeaderField.Destination),
            Sender = Text(HeaderField.Sender),
            Signature = Text(HeaderField.Signature) ?? "",
        };
    }

    private static string ExpectedSignature(HeaderField code) => code switch
    {
        HeaderField.Path => "o",
        HeaderField.Signature => "g",
        HeaderField.ReplySerial or HeaderField.UnixFds => "u",
        _ => "s",
    };
}
