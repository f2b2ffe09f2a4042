namespace CloudSharkHardening.Remediators.Audit.Passwords;

/// <summary>The crypt(3) hash methods by their prefix (crypt(5)), for evidence that names no hash.</summary>
internal static class HashMethods
{
    private static readonly (string Prefix, string Name)[] Prefixes =
    [
        ("$y$", "yescrypt"),
        ("$gy$", "gost-yescrypt"),
        ("$7$", "scrypt"),
        ("$2b$", "bcrypt"),
        ("$2a$", "bcrypt"),
        ("$2y$", "bcrypt"),
        ("$6$", "SHA-512"),
        ("$5$", "SHA-256"),
        ("$sha1$", "SHA-1"),
        ("$md5", "Sun MD5"),
        ("$1$", "MD5"),
    ];

    public static string NameOf(string hash)
    {
        foreach (var (prefix, name) in Prefixes)
        {
            if (hash.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return hash.Length == 13 ? "DES" : "unknown";
    }
}
