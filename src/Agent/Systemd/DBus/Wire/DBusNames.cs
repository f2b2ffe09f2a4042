namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// The specification's rules for object paths and for bus, interface, member and error
/// names. Each check returns what is wrong, or null, so the sender side can throw an
/// <see cref="ArgumentException"/> and the receiving side a <see cref="DBusProtocolException"/>.
/// </summary>
internal static class DBusNames
{
    public static string? ObjectPathProblem(string path)
    {
        if (path == "/")
        {
            return null;
        }

        if (!path.StartsWith('/') || path.EndsWith('/'))
        {
            return $"object path '{path}' must start with '/' and not end with one";
        }

        foreach (var element in path[1..].Split('/'))
        {
            if (element.Length == 0 || !element.All(IsPathCharacter))
            {
                return $"object path '{path}' has an empty element or a character outside [A-Za-z0-9_]";
            }
        }

        return null;
    }

    public static string? InterfaceNameProblem(string name) => DottedNameProblem(name, "interface name", allowDash: false, allowLeadingDigit: false);

    public static string? ErrorNameProblem(string name) => DottedNameProblem(name, "error name", allowDash: false, allowLeadingDigit: false);

    public static string? BusNameProblem(string name) => name.StartsWith(':')
        ? DottedNameProblem(name[1..], "unique bus name", allowDash: true, allowLeadingDigit: true, fullName: name)
        : DottedNameProblem(name, "bus name", allowDash: true, allowLeadingDigit: false);

    public static string? MemberNameProblem(string name)
    {
        if (name.Length is 0 or > DBusLimits.MaxNameLength || char.IsAsciiDigit(name[0]) || !name.All(IsPathCharacter))
        {
            return $"member name '{name}' must be 1 to 255 characters of [A-Za-z0-9_], not starting with a digit";
        }

        return null;
    }

    private static string? DottedNameProblem(string name, string what, bool allowDash, bool allowLeadingDigit, string? fullName = null)
    {
        fullName ??= name;
        if (fullName.Length > DBusLimits.MaxNameLength)
        {
            return $"{what} '{fullName}' is longer than {DBusLimits.MaxNameLength} characters";
        }

        var elements = name.Split('.');
        if (elements.Length < 2)
        {
            return $"{what} '{fullName}' needs at least two elements separated by '.'";
        }

        foreach (var element in elements)
        {
            var valid = element.Length > 0
                && (allowLeadingDigit || !char.IsAsciiDigit(element[0]))
                && element.All(c => IsPathCharacter(c) || (allowDash && c == '-'));
            if (!valid)
            {
                return $"{what} '{fullName}' has an empty element, an element starting with a digit, or a character it may not hold";
            }
        }

        return null;
    }

    private static bool IsPathCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
