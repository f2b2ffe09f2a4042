using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Remediators.Audit.Time;

/// <summary>
/// The clock is kept right: one of the usual time services is active (chronyd, ntpd,
/// systemd-timesyncd), and systemd does not report the clock unsynchronised. Captures
/// and logs are only as useful as their timestamps.
/// </summary>
public sealed class TimeSyncCheck(ILiveSystem live, IClockStatus clock) : IAuditCheck
{
    /// <summary>EL and Debian names of the time services, aliases included.</summary>
    internal static readonly string[] TimeServices =
        ["chronyd.service", "chrony.service", "ntpd.service", "ntp.service", "ntpsec.service", "systemd-timesyncd.service", "openntpd.service"];

    public string Name => "time";

    public async Task<IReadOnlyList<Finding>> RunAsync(CancellationToken cancellationToken)
    {
        var status = await clock.QueryAsync(cancellationToken).ConfigureAwait(false);
        var findings = new List<Finding>();
        if (!await AnyRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            // Only the finding needs every unit loaded: it says which are not installed.
            var states = new List<UnitState>();
            foreach (var unit in TimeServices)
            {
                states.Add(await live.UnitStateAsync(unit, cancellationToken).ConfigureAwait(false));
            }

            if (!states.Any(state => state.IsActive))
            {
                findings.Add(NoTimeService(states, status));
            }
        }

        if (status is { Synchronised: false })
        {
            findings.Add(new Finding(
                "time.unsynchronised",
                Severity.Medium,
                "systemd reports the system clock as not synchronised",
                [$"systemd-timedated: NTPSynchronized=no, NTP={(status.NtpEnabled ? "yes" : "no")}"],
                "Check that the time service reaches its servers ('chronyc sources' or 'timedatectl timesync-status'; outbound UDP 123 allowed).",
                [BenchmarkReferences.LynisSystemdNtpStatus]));
        }

        return findings;
    }

    /// <summary>
    /// A running service is in systemd's memory, so asking what it has loaded answers the
    /// usual case without making systemd search its unit directories for the six services
    /// an appliance does not have installed.
    /// </summary>
    private async Task<bool> AnyRunsAsync(CancellationToken cancellationToken)
    {
        foreach (var unit in TimeServices)
        {
            if (await live.LoadedUnitStateAsync(unit, cancellationToken).ConfigureAwait(false) is { IsActive: true })
            {
                return true;
            }
        }

        return false;
    }

    private static Finding NoTimeService(IReadOnlyList<UnitState> states, ClockSynchronisation? status)
    {
        var installed = states.Where(state => state.LoadState != "not-found").Select(state => state.ToString());
        var absent = states.Where(state => state.LoadState == "not-found").Select(state => state.Unit).ToList();
        var evidence = installed.ToList();
        if (absent.Count > 0)
        {
            evidence.Add($"not installed: {string.Join(", ", absent)}");
        }

        evidence.Add(status is null ? "systemd-timedated could not be asked about the clock" : $"systemd-timedated: NTP={(status.NtpEnabled ? "yes" : "no")}");
        return new Finding(
            "time.no-sync-service",
            Severity.Medium,
            "No time synchronisation service is running",
            evidence,
            "Install and start one: 'dnf install chrony && systemctl enable --now chronyd' on EL; 'apt install systemd-timesyncd' (or chrony) on Debian.",
            [BenchmarkReferences.LynisNtpDaemon]);
    }
}
