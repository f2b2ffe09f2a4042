using System.ComponentModel;
using System.Diagnostics;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

/// <summary>
/// A real dbus-daemon of the test's own, on a unix socket in a temp directory (brief §6.2).
/// dbus-daemon validates every message strictly, so it is the oracle for the marshaller.
/// Killed by its pid and its directory removed on dispose.
/// </summary>
public sealed class PrivateBusDaemon : IAsyncLifetime
{
    private readonly string _authMechanism;
    private Process? _process;
    private string _directory = "";

    public PrivateBusDaemon()
        : this("EXTERNAL")
    {
    }

    private PrivateBusDaemon(string authMechanism) => _authMechanism = authMechanism;

    /// <summary>The address the daemon printed, e.g. <c>unix:path=/tmp/dbus-test-x/bus.sock,guid=...</c>.</summary>
    public string Address { get; private set; } = "";

    /// <summary>A daemon that accepts only <paramref name="authMechanism"/>, for tests of refusal.</summary>
    public static async Task<PrivateBusDaemon> StartAsync(string authMechanism)
    {
        var daemon = new PrivateBusDaemon(authMechanism);
        await daemon.InitializeAsync();
        return daemon;
    }

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("dbus-test-").FullName;
        var config = Path.Combine(_directory, "bus.conf");
        await File.WriteAllTextAsync(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:path={_directory}/bus.sock</listen>
              <auth>{_authMechanism}</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """);
        var start = new ProcessStartInfo("dbus-daemon", [$"--config-file={config}", "--nofork", "--print-address=1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("dbus-daemon did not start");
        }
        catch (Win32Exception missing)
        {
            throw new InvalidOperationException("dbus-daemon is not installed: apt-get install dbus-daemon (see scripts/setup-test-deps.sh)", missing);
        }

        var address = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Address = string.IsNullOrWhiteSpace(address)
            ? throw new InvalidOperationException("dbus-daemon printed no address: " + await _process.StandardError.ReadToEndAsync())
            : address.Trim();
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
