namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// One complete type from a signature, as a tree: an array has its element as the only
/// child, a struct or dict entry its fields. Built only by <see cref="SignatureParser"/>,
/// so every instance is valid.
/// </summary>
internal sealed class DBusType
{
    private static readonly Dictionary<char, DBusType> Basics =
        "ybnqiuxtdsogvh".ToDictionary(code => code, code => new DBusType(code, code.ToString(), []));

    private DBusType(char code, string signature, IReadOnlyList<DBusType> children)
    {
        Code = code;
        Signature = signature;
        Children = children;
    }

    /// <summary>The type code: 'y', 's', 'a', '(', '{', 'v', ...</summary>
    public char Code { get; }

    public string Signature { get; }

    public IReadOnlyList<DBusType> Children { get; }

    /// <summary>Where a value of this type starts, counted from the start of the message.</summary>
    public int Alignment => AlignmentOf(Code);

    /// <summary>Basic types are the only ones allowed as dict-entry keys.</summary>
    public bool IsBasic => Code is not ('a' or '(' or '{' or 'v');

    public static int AlignmentOf(char code) => code switch
    {
        'y' or 'g' or 'v' => 1,
        'n' or 'q' => 2,
        'b' or 'i' or 'u' or 's' or 'o' or 'a' or 'h' => 4,
        'x' or 't' or 'd' or '(' or '{' => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a D-Bus type code"),
    };

    internal static DBusType? Basic(char code) => Basics.GetValueOrDefault(code);

    internal static DBusType Container(char code, string signature, IReadOnlyList<DBusType> children) =>
        new(code, signature, children);
}
