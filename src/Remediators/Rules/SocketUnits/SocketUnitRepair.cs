using System.Collections.Immutable;
using System.Text;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.SocketUnits;

/// <summary>
/// What ends a socket unit's forbidden listening, now and at boot. A package's unit is masked
/// (a link to /dev/null in /etc/systemd/system, undone by <c>systemctl unmask</c>). An
/// administrator's own unit file there is not replaced: a drop-in resets its listen list and
/// keeps only its allowed lines (an empty assignment to any Listen*= setting clears them all,
/// systemd.socket(5)); removing the drop-in undoes it. A unit systemd runs now is stopped too:
/// systemd will not restart a socket unit whose service runs, so the new listen list would
/// otherwise wait for the next boot.
/// </summary>
internal static class SocketUnitRepair
{
    public const string UnitDirectory = "/etc/systemd/system";

    public const string DropInName = "50-cloudshark-hardening.conf";

    public static (ImmutableArray<Change> Changes, ImmutableArray<UnitAction> Actions) For(RootedFileSystem files, SocketUnitFinding finding)
    {
        var changes = finding.OwnFile is null ? Mask(files, finding) : DropIn(files, finding);
        ImmutableArray<UnitAction> actions = finding.IsActive ? [UnitAction.DaemonReload, UnitAction.Stop(finding.Unit)] : [UnitAction.DaemonReload];
        return (changes, actions);
    }

    private static ImmutableArray<Change> Mask(RootedFileSystem files, SocketUnitFinding finding)
    {
        var path = AppliancePath.Combine(UnitDirectory, finding.Unit);
        var node = files.Stat(path);
        return [new SymlinkSet(path, "/dev/null", node.Exists ? node.LinkTarget : null)];
    }

    private static ImmutableArray<Change> DropIn(RootedFileSystem files, SocketUnitFinding finding)
    {
        var path = AppliancePath.Combine(AppliancePath.Combine(UnitDirectory, finding.Unit + ".d"), DropInName);
        var text = DropInText(finding);
        var existing = files.ReadText(path);
        if (existing?.Text == text)
        {
            return [];
        }

        var why = $"{finding.Unit} keeps only {(finding.Kept.IsEmpty ? "no listen lines" : string.Join(", ", finding.Kept.Select(l => l.Address)))} (was also {string.Join(", ", finding.Forbidden.Select(l => l.Address))}); {finding.OwnFile} is left as it is";
        return [.. DropInDirectory.For(files, path), new FileEdit(path, existing?.Text, text, why)];
    }

    private static string DropInText(SocketUnitFinding finding)
    {
        var text = new StringBuilder()
            .Append("# Written by cloudshark-hardening: ").Append(finding.Unit).Append(" listened on ")
            .AppendJoin(", ", finding.Forbidden.Select(l => $"{l.Address} ({l.Source})"))
            .Append(".\n# Only its other listen lines are kept. Remove this file and run systemctl daemon-reload to undo.\n[Socket]\nListenStream=\n");
        foreach (var kept in finding.Kept)
        {
            if (kept.Address.AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                throw new UnsupportedFileException(kept.Source.Path, $"line {kept.Source.Line} has a listen address with a line break");
            }

            text.Append("Listen").Append(kept.Kind).Append('=').Append(kept.Address).Append('\n');
        }

        return text.ToString();
    }
}
