namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// What the specification requires of a message's header, shared by the sending side (a
/// caller's mistake) and the receiving side (a peer's): the fields each type needs, valid
/// names and path, a non-zero serial, and a body signature that is itself valid.
/// </summary>
internal static class MessageRules
{
    public static string? Problem(Message message)
    {
        if (message.Serial == 0)
        {
            return "serial 0 is reserved";
        }

        var missing = message.Type switch
        {
            MessageType.MethodCall when message.Path is null || message.Member is null => "a method call needs PATH and MEMBER",
            MessageType.Signal when message.Path is null || message.Interface is null || message.Member is null => "a signal needs PATH, INTERFACE and MEMBER",
            MessageType.Error when message.ErrorName is null || message.ReplySerial is null => "an error needs ERROR_NAME and REPLY_SERIAL",
            MessageType.MethodReturn when message.ReplySerial is null => "a method return needs REPLY_SERIAL",
            _ => null,
        };
        if (missing is not null)
        {
            return missing;
        }

        if (message.ReplySerial == 0)
        {
            return "REPLY_SERIAL 0 names no message";
        }

        return NameProblems(message).FirstOrDefault(problem => problem is not null)
            ?? (SignatureParser.TryParse(message.Signature, out _, out var problem) ? null : "body " + problem);
    }

    private static IEnumerable<string?> NameProblems(Message message)
    {
        yield return message.Path is { } path ? DBusNames.ObjectPathProblem(path) : null;
        yield return message.Interface is { } iface ? DBusNames.InterfaceNameProblem(iface) : null;
        yield return message.Member is { } member ? DBusNames.MemberNameProblem(member) : null;
        yield return message.ErrorName is { } error ? DBusNames.ErrorNameProblem(error) : null;
        yield return message.Destination is { } destination ? DBusNames.BusNameProblem(destination) : null;
        yield return message.Sender is { } sender ? DBusNames.BusNameProblem(sender) : null;
    }
}
