using System.Text;

namespace CloudSharkHardening.Remediators.Audit.Firewall;

/// <summary>
/// Splits an iptables-save line into words the way iptables-restore does: spaces separate,
/// double quotes group (<c>--comment "allow web"</c>), a backslash escapes a quote inside them.
/// </summary>
internal static class IptablesWords
{
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inQuotes = false;
        var hasWord = false;
        for (var index = 0; index < line.Length; index++)
        {
            var c = line[index];
            if (inQuotes && c == '\\' && index + 1 < line.Length && line[index + 1] is '"' or '\\')
            {
                word.Append(line[++index]);
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
                hasWord = true;
            }
            else if (c is ' ' or '\t' && !inQuotes)
            {
                Flush();
            }
            else
            {
                word.Append(c);
                hasWord = true;
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (hasWord)
            {
                words.Add(word.ToString());
            }

            word.Clear();
            hasWord = false;
        }
    }
}
