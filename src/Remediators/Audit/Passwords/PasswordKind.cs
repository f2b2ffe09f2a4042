namespace CloudSharkHardening.Remediators.Audit.Passwords;

/// <summary>What the password field of a shadow entry means for a login.</summary>
public enum PasswordKind
{
    /// <summary>A hash: the account logs in with the password that produced it.</summary>
    Hashed,

    /// <summary>Empty: the account may log in without any password.</summary>
    Empty,

    /// <summary>Starts with "!": password login locked (usermod -L, passwd -l, or never set).</summary>
    Locked,

    /// <summary>Starts with "*": no password can match; the account logs in by other means or not at all.</summary>
    NoLogin,
}
