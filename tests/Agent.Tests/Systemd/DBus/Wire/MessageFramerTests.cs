using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Wire;

public sealed class MessageFramerTests
{
    [Fact]
    public async Task ReadFrame_TwoMessagesInOneRead_FramesEachByItsLengths()
    {
        // dbus-daemon sends Hello's reply and NameAcquired in one write (brief §1.5).
        var reply = Encode(new Message(MessageType.MethodReturn, 1, [new DBusString(":1.2")]) { ReplySerial = 1 });
        var signal = Encode(new Message(MessageType.Signal, 2, [new DBusString(":1.2")])
        {
            Path = "/org/freedesktop/DBus", Interface = "org.freedesktop.DBus", Member = "NameAcquired", Destination = ":1.2",
        });
        var framer = new MessageFramer(new MemoryStream([.. reply, .. signal]));

        Assert.Equal(reply, await framer.ReadFrameAsync(CancellationToken.None));
        Assert.Equal(signal, await framer.ReadFrameAsync(CancellationToken.None));
        Assert.Null(await framer.ReadFrameAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadFrame_BytesArrivingOneAtATime_StillGiveWholeMessages()
    {
        var big = Encode(new Message(MessageType.MethodReturn, 1, [new DBusString(new string('x', 200_000))]) { ReplySerial = 1 });
        var small = Encode(new Message(MessageType.MethodReturn, 2, [new DBusByte(1)]) { ReplySerial = 2 });
        var framer = new MessageFramer(new TricklingStream([.. big, .. small], chunk: 7));

        Assert.Equal(big, await framer.ReadFrameAsync(CancellationToken.None));
        Assert.Equal(small, await framer.ReadFrameAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    public async Task ReadFrame_StreamEndsInsideAMessage_SaysSoInsteadOfWaiting(int keep)
    {
        var message = Encode(new Message(MessageType.MethodReturn, 1, [new DBusString("abc")]) { ReplySerial = 1 });
        var framer = new MessageFramer(new MemoryStream(message[..keep]));

        var closed = await Assert.ThrowsAsync<DBusConnectionException>(() => framer.ReadFrameAsync(CancellationToken.None));

        Assert.Contains($"({keep} of ", closed.Message, StringComparison.Ordinal);
        Assert.True(closed.IsTransient);
    }

    [Fact]
    public async Task ReadFrame_PeerClaimingAHugeBody_CostsOnlyTheBytesThatArrive()
    {
        // 100 MiB promised, 16 bytes sent: the framer must fail at the end of the stream,
        // having grown its buffer only by what arrived.
        var header = Hex.Bytes("6c 02 00 01 00 00 40 06 02 00 00 00 00 00 00 00");
        var framer = new MessageFramer(new MemoryStream(header));
        var before = GC.GetAllocatedBytesForCurrentThread();

        await Assert.ThrowsAsync<DBusConnectionException>(() => framer.ReadFrameAsync(CancellationToken.None));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024);
    }

    private static byte[] Encode(Message message) => MessageEncoder.Encode(message);

    private sealed class TricklingStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
