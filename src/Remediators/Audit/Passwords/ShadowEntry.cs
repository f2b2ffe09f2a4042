namespace CloudSharkHardening.Remediators.Audit.Passwords;

/// <summary>
/// One account's line of <c>/etc/shadow</c>. Deliberately not a record: a generated
/// <c>ToString</c> would print the hash into any log or message that mentions the entry.
/// </summary>
public sealed class ShadowEntry
{
    internal ShadowEntry(string name, string passwordField, int lineNumber)
    {
        Name = name;
        PasswordField = passwordField;
        LineNumber = lineNumber;
    }

    /// <summary>The login name.</summary>
    public string Name { get; }

    /// <summary>1-based line in the file, for evidence a person can look up.</summary>
    public int LineNumber { get; }

    /// <summary>How the password field lets the account in, without revealing it.</summary>
    public PasswordKind Kind => PasswordField switch
    {
        "" => PasswordKind.Empty,
        ['!', ..] => PasswordKind.Locked,
        ['*', ..] => PasswordKind.NoLogin,
        _ => PasswordKind.Hashed,
    };

    /// <summary>The hash method's common name ("yescrypt", "SHA-512"), never the hash.</summary>
    public string HashMethod => HashMethods.NameOf(PasswordField);

    /// <summary>The hash itself: only for comparing with crypt(3), never for a message.</summary>
    internal string PasswordField { get; }

    public override string ToString() => $"{Name} (/etc/shadow line {LineNumber})";
}
