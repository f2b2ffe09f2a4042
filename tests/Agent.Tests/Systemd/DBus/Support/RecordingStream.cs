using System.Text;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

/// <summary>An output stream that remembers each write separately, so a test can see what went out together.</summary>
public sealed class RecordingStream : MemoryStream
{
    public List<string> Writes { get; } = [];

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Writes.Add(Encoding.ASCII.GetString(buffer.Span));
        return base.WriteAsync(buffer, cancellationToken);
    }
}
