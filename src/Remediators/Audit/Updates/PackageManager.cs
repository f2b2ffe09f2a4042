namespace CloudSharkHardening.Remediators.Audit.Updates;

/// <summary>How to ask one package manager for pending security updates, without changing anything.</summary>
internal sealed record PackageManager(string Program, IReadOnlyList<string> Arguments, Func<string, IReadOnlyList<PendingUpdate>> Parse, string Fix)
{
    /// <summary>The platform's managers in the order to try: dnf before yum on EL, apt-get on Debian.</summary>
    public static IReadOnlyList<PackageManager> For(Platform platform) => platform == Platform.RedHat
        ?
        [
            new("dnf", ["--quiet", "updateinfo", "list", "--security"], UpdateListParsers.DnfUpdateInfo, "Apply them with 'dnf upgrade --security', then restart what 'dnf needs-restarting -r' names."),
            new("yum", ["--quiet", "updateinfo", "list", "security"], UpdateListParsers.DnfUpdateInfo, "Apply them with 'yum update --security', then restart what 'needs-restarting -r' names."),
        ]
        :
        [
            new("apt-get", ["--simulate", "upgrade"], UpdateListParsers.AptSimulation, "Apply them with 'apt-get update && apt-get upgrade', or let unattended-upgrades do it."),
        ];
}
