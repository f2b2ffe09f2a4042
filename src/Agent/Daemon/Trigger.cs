namespace CloudSharkHardening.Agent.Daemon;

public enum TriggerKind
{
    /// <summary>The daemon just started.</summary>
    Start,

    /// <summary>The interval elapsed.</summary>
    Timer,

    /// <summary>A watched file or directory changed.</summary>
    Path,

    /// <summary>A watched unit finished a job (started, stopped, restarted by someone).</summary>
    Unit,

    /// <summary>SIGHUP: read the configuration again.</summary>
    Reload,

    /// <summary>The kernel's firewall rules changed (nf_tables notifications), or the legacy backend's poll found drift.</summary>
    Firewall,
}

/// <summary>Why the daemon runs its next pass.</summary>
public sealed record Trigger(TriggerKind Kind, string Detail)
{
    public static Trigger Start { get; } = new(TriggerKind.Start, "");

    /// <summary>What changed, as the rules name it: the path, or the unit (the detail adds the job's result).</summary>
    public string Subject { get; init; } = Detail;

    /// <summary>Its place in the order the inbox received triggers (from 1), so what came after a pass is told from its echoes.</summary>
    public long Sequence { get; init; }

    public override string ToString() => Kind == TriggerKind.Timer ? "interval" : $"{Kind.ToString().ToLowerInvariant()} {Detail}".TrimEnd();
}
