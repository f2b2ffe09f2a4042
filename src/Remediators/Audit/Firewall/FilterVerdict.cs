namespace CloudSharkHardening.Remediators.Audit.Firewall;

/// <summary>A firewall's answer for one port, with the rule or policy that decided it.</summary>
public sealed record FilterVerdict(FilterState State, string Reason)
{
    /// <summary>The worse of two answers: a dual-stack socket is as open as its more open family.</summary>
    public static FilterVerdict Worse(FilterVerdict a, FilterVerdict b) => b.State > a.State ? b : a;

    public override string ToString() => $"{State.ToString().ToLowerInvariant()} ({Reason})";
}
