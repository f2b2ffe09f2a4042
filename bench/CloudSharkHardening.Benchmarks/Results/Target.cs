namespace CloudSharkHardening.Benchmarks.Results;

/// <summary>What issues 9 and 13 ask of a figure, and whether a value meets it.</summary>
public sealed record Target(string Text, Func<Figure, bool> IsMet)
{
    /// <summary>The targets by figure id; a figure not named here is reported without one.</summary>
    public static Target? For(string id) => id switch
    {
        "check.all" or "check.all-but-firewall" or "pass.engine" or "daemon.pass" => Below(5, "ms"),
        "once.compliant.wall" => Below(150, "ms"),
        "walk.pass" => Below(1, "ms"),
        "once.compliant.rss" or "daemon.idle.rss" => Below(40, "MiB"),
        "drift.memcached-udp.median" or "drift.memcached-file.median" => Below(1000, "ms"),
        "daemon.idle.wakeups-beyond" => new("none (timer and watches only)", f => f.Value <= 0),
        // Worse than linear only where even the interquartile spread cannot explain the ratio.
        _ when id.StartsWith("growth.", StringComparison.Ordinal) => new("≤ ×10 per ×10 input (linear)", f => (f.LowerBound ?? f.Value) <= 10),
        _ => null,
    };

    private static Target Below(double limit, string unit) =>
        new($"< {limit:0.###} {unit}", f => Units.Convert(f.Value, f.Unit, unit) < limit);
}
