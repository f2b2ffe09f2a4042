namespace CloudSharkHardening.Remediators.Formats.UnitFile;

/// <summary>
/// One C escape after a backslash, as systemd's <c>cunescape_one()</c> decodes it (see
/// systemd.syntax(7), "Quoting"). NUL is refused in every spelling: a value cannot hold it.
/// </summary>
internal static class CEscape
{
    /// <summary>
    /// Decodes the escape whose first character (after the backslash) is at <paramref name="index"/>;
    /// <paramref name="length"/> is how many characters it used. False for an unknown escape.
    /// </summary>
    public static bool TryDecode(string text, int index, out string decoded, out int length)
    {
        decoded = "";
        length = 1;
        switch (text[index])
        {
            case 'a': decoded = "\a"; return true;
            case 'b': decoded = "\b"; return true;
            case 'f': decoded = "\f"; return true;
            case 'n': decoded = "\n"; return true;
            case 'r': decoded = "\r"; return true;
            case 't': decoded = "\t"; return true;
            case 'v': decoded = "\v"; return true;
            case 's': decoded = " "; return true;
            case '\\' or '"' or '\'': decoded = text[index].ToString(); return true;
            case 'x': return Number(text, index + 1, 2, 16, out decoded, out length);
            case 'u': return Number(text, index + 1, 4, 16, out decoded, out length);
            case 'U': return Number(text, index + 1, 8, 16, out decoded, out length);
            case >= '0' and <= '7': return Number(text, index, 3, 8, out decoded, out length);
            default: return false;
        }
    }

    /// <summary>
    /// <paramref name="digits"/> digits from <paramref name="start"/>; the escape's length counts
    /// the letter before hex digits (<c>x</c>, <c>u</c>, <c>U</c>), while octal has none.
    /// </summary>
    private static bool Number(string text, int start, int digits, int radix, out string decoded, out int length)
    {
        decoded = "";
        length = radix == 8 ? digits : digits + 1;
        if (start + digits > text.Length)
        {
            return false;
        }

        long value = 0;
        foreach (var c in text.AsSpan(start, digits))
        {
            var digit = radix == 16 && char.IsAsciiHexDigit(c) ? Convert.ToInt32(c.ToString(), 16)
                : radix == 8 && c is >= '0' and <= '7' ? c - '0'
                : -1;
            if (digit < 0)
            {
                return false;
            }

            value = (value * radix) + digit;
        }

        // Octal is one byte (first digit at most 3); NUL and what is not a Unicode scalar value are refused.
        if (value == 0 || (radix == 8 && value > 0xFF) || value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
        {
            return false;
        }

        decoded = char.ConvertFromUtf32((int)value);
        return true;
    }
}
