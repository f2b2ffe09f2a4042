namespace CloudSharkHardening.Remediators.Audit;

/// <summary>
/// One thing the audit found for a person to act on. It never carries a password or a
/// password hash, and the agent never fixes it by itself.
/// </summary>
/// <param name="Id">Stable across runs for the same problem (<c>listener.tcp.3306</c>), so tools can track it.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Title">What is wrong, in one line.</param>
/// <param name="Evidence">What the system showed: sockets, files, what systemd or the package manager said.</param>
/// <param name="Fix">What a person does about it.</param>
/// <param name="References">Matching public benchmark entries (Lynis test ids, CVEs, CWEs).</param>
public sealed record Finding(
    string Id,
    Severity Severity,
    string Title,
    IReadOnlyList<string> Evidence,
    string Fix,
    IReadOnlyList<string> References);
