using System.Text;

namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// D-Bus strings are UTF-8 without NUL. The strict encoding throws on a lone surrogate
/// (sending) and on malformed bytes (receiving) instead of quietly substituting U+FFFD,
/// which would change a unit name or path behind the caller's back.
/// </summary>
internal static class WireText
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Problem(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return "a D-Bus string cannot hold a NUL character";
        }

        try
        {
            _ = Utf8.GetByteCount(text);
            return null;
        }
        catch (EncoderFallbackException)
        {
            return "the text is not valid Unicode (a lone surrogate)";
        }
    }
}
