using System.Globalization;
using System.Text;

namespace CloudSharkHardening.Agent.Systemd.DBus.Transport;

/// <summary>
/// One entry of a D-Bus server address, <c>transport:key=value,...</c>, with its values
/// unescaped (<c>%XX</c> is a byte). A full address is several entries separated by
/// <c>;</c>, tried in order (SPEC "Server Addresses").
/// </summary>
internal sealed record DBusAddress(string Transport, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>Parses every entry; a malformed one is a <see cref="FormatException"/> naming it.</summary>
    public static IReadOnlyList<DBusAddress> ParseList(string addresses)
    {
        var entries = addresses.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(Parse)
            .ToList();
        return entries.Count > 0 ? entries : throw new FormatException($"D-Bus address '{addresses}' has no entries");
    }

    public string? Get(string key) => Properties.GetValueOrDefault(key);

    public override string ToString() =>
        Transport + ":" + string.Join(',', Properties.Select(property => $"{property.Key}={property.Value}"));

    private static DBusAddress Parse(string entry)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new FormatException($"D-Bus address '{entry}' has no 'transport:' prefix");
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in entry[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"D-Bus address '{entry}': '{pair}' is not key=value");
            }

            if (!properties.TryAdd(pair[..equals], Unescape(pair[(equals + 1)..], entry)))
            {
                throw new FormatException($"D-Bus address '{entry}' names '{pair[..equals]}' twice");
            }
        }

        return new DBusAddress(entry[..colon], properties);
    }

    private static string Unescape(string value, string entry)
    {
        var bytes = new List<byte>(value.Length);
        var position = 0;
        while (position < value.Length)
        {
            var percent = value.IndexOf('%', position);
            var literalEnd = percent < 0 ? value.Length : percent;
            bytes.AddRange(Encoding.UTF8.GetBytes(value[position..literalEnd]));
            if (percent < 0)
            {
                break;
            }

            if (percent + 2 >= value.Length
                || !byte.TryParse(value.AsSpan(percent + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var escaped))
            {
                throw new FormatException($"D-Bus address '{entry}' has a '%' not followed by two hex digits");
            }

            bytes.Add(escaped);
            position = percent + 3;
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
