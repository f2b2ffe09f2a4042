namespace CloudSharkHardening.Remediators.Errors;

/// <summary>
/// What breaks a rule is set in a file the hardening procedure does not own: someone's
/// <c>ExecStart=</c> or <c>Environment=</c> in a drop-in, an extra <c>EnvironmentFile=</c>.
/// The agent does not guess what its author meant: nothing is edited or restarted, and the
/// message names each file and line and what to change there. Retrying cannot help until
/// that file changes.
/// </summary>
public sealed class SettingElsewhereException(string service, IReadOnlyList<string> findings)
    : HardeningException($"{service} takes settings the agent does not own: {string.Join("; ", findings)}; nothing was changed or restarted")
{
    public IReadOnlyList<string> Findings { get; } = findings;
}
