namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

/// <summary>Bytes written as hex in tests: spaced pairs, or a dump with offsets and an ASCII column.</summary>
public static class Hex
{
    /// <summary>"6c 01 00 01" or "6c010001", spaces and '|' ignored.</summary>
    public static byte[] Bytes(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c) && c != '|')));

    /// <summary>A fixture under Fixtures/dbus in hexdump form: "0000  6c 01 ...  l...".</summary>
    public static byte[] Dump(string fixture)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dbus", fixture));
        return lines
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .SelectMany(tokens => tokens.Skip(1).Take(16).TakeWhile(token => token.Length == 2 && token.All(char.IsAsciiHexDigit)))
            .Select(token => Convert.ToByte(token, 16))
            .ToArray();
    }
}
