using System.Text;
using CloudSharkHardening.Agent.Systemd;
using CloudSharkHardening.Agent.Tests.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd;

public sealed class SystemdNotifierTests
{
    [Fact]
    public void Ready_OnAPathSocket_SendsOneDatagramWithReadyAndStatus()
    {
        using var listener = DatagramListener.OnPath();
        using var notifier = SystemdNotifier.ForSocket(listener.Address);

        Assert.True(notifier.Ready("4 rules compliant\nsecond line"));

        Assert.Equal("READY=1\nSTATUS=4 rules compliant second line", Encoding.UTF8.GetString(listener.Receive()));
    }

    [Fact]
    public void Watchdog_OnAnAbstractSocket_Arrives()
    {
        using var listener = DatagramListener.Abstract();
        using var notifier = SystemdNotifier.ForSocket(listener.Address);

        notifier.Watchdog();

        Assert.Equal("WATCHDOG=1", Encoding.UTF8.GetString(listener.Receive()));
    }

    [Fact]
    public void Notify_NobodyListening_ReturnsFalseAndDoesNotThrow()
    {
        using var notifier = SystemdNotifier.ForSocket("/nonexistent/notify");

        Assert.False(notifier.Stopping("bye"));
    }
}
