using System.Text;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;

namespace CloudSharkHardening.Agent.Systemd.DBus;

/// <summary>
/// Which signals a subscription wants, as an <c>AddMatch</c> rule (SPEC "Match Rules"). Keys
/// left null match anything. The bus filters with it, and so does this client, because one
/// connection may hold several subscriptions and a peer-to-peer server sends every signal.
/// </summary>
public sealed record MatchRule
{
    /// <summary>
    /// The sender. On a bus a well-known name is resolved by the bus, but the delivered
    /// signal carries the owner's unique name, so only a unique name (<c>:1.5</c>) is also
    /// compared here.
    /// </summary>
    public string? Sender { get; init; }

    /// <summary>The signal's interface, e.g. <c>org.freedesktop.systemd1.Manager</c>.</summary>
    public string? Interface { get; init; }

    /// <summary>The signal's name, e.g. <c>JobRemoved</c>.</summary>
    public string? Member { get; init; }

    /// <summary>The exact object path.</summary>
    public string? Path { get; init; }

    /// <summary>The path and every path below it; cannot be combined with <see cref="Path"/>.</summary>
    public string? PathNamespace { get; init; }

    /// <summary>The destination of a unicast signal.</summary>
    public string? Destination { get; init; }

    /// <summary>The first argument, when it is a string (e.g. the interface in PropertiesChanged).</summary>
    public string? Arg0 { get; init; }

    /// <summary>The rule as <c>AddMatch</c> takes it: <c>type='signal',interface='...',...</c>.</summary>
    public override string ToString()
    {
        var rule = new StringBuilder("type='signal'");
        foreach (var (key, value) in Keys())
        {
            // Inside quotes a backslash is literal; an apostrophe must leave the quotes: '\''.
            rule.Append(',').Append(key).Append("='").Append(value.Replace("'", @"'\''", StringComparison.Ordinal)).Append('\'');
        }

        return rule.ToString();
    }

    /// <summary>What makes the rule unusable, or null.</summary>
    internal string? Problem()
    {
        var problem = Path is not null && PathNamespace is not null ? "a match rule cannot have both path and path_namespace" : null;
        problem ??= Path is { } path ? DBusNames.ObjectPathProblem(path) : null;
        problem ??= PathNamespace is { } space ? DBusNames.ObjectPathProblem(space) : null;
        problem ??= Interface is { } iface ? DBusNames.InterfaceNameProblem(iface) : null;
        problem ??= Member is { } member ? DBusNames.MemberNameProblem(member) : null;
        problem ??= Sender is { } sender ? DBusNames.BusNameProblem(sender) : null;
        problem ??= Destination is { } destination ? DBusNames.BusNameProblem(destination) : null;
        var length = Encoding.UTF8.GetByteCount(ToString());
        return problem ?? (length > DBusLimits.MaxMatchRuleLength ? $"match rule of {length} bytes exceeds the limit of {DBusLimits.MaxMatchRuleLength}" : null);
    }

    internal bool Matches(Message message) =>
        message.Type == MessageType.Signal
        && (Sender is null || !Sender.StartsWith(':') || Sender == message.Sender)
        && (Interface is null || Interface == message.Interface)
        && (Member is null || Member == message.Member)
        && (Path is null || Path == message.Path)
        && (PathNamespace is null || IsInNamespace(message.Path))
        && (Destination is null || Destination == message.Destination)
        && (Arg0 is null || Arg0 == FirstStringArgument(message));

    private static string? FirstStringArgument(Message message)
    {
        if (!message.Signature.StartsWith('s'))
        {
            return null;
        }

        try
        {
            return ((DBusString)message.Body[0]).Value;
        }
        catch (DBusProtocolException)
        {
            // A signal this client cannot read matches nothing; it must not end the connection.
            return null;
        }
    }

    private bool IsInNamespace(string? path) =>
        path is not null && (PathNamespace == "/" || path == PathNamespace || path.StartsWith(PathNamespace + "/", StringComparison.Ordinal));

    private IEnumerable<(string Key, string Value)> Keys()
    {
        (string, string?)[] keys =
        [
            ("sender", Sender), ("path", Path), ("path_namespace", PathNamespace), ("interface", Interface),
            ("member", Member), ("destination", Destination), ("arg0", Arg0),
        ];
        return keys.Where(key => key.Item2 is not null).Select(key => (key.Item1, key.Item2!));
    }
}
