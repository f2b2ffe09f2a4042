namespace CloudSharkHardening.Remediators.Tests.Audit.Passwords;

/// <summary>The captured shadow files under Fixtures/shadow (see its README.md).</summary>
internal static class ShadowFixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "shadow", name));

    /// <summary>Every password field in the file with more than two characters: what must never leak.</summary>
    public static IEnumerable<string> Hashes(string text) =>
        text.Split('\n').Select(line => line.Split(':')).Where(fields => fields.Length > 1 && fields[1].Length > 2).Select(fields => fields[1].TrimStart('!'));
}
