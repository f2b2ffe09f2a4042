namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// Cuts the byte stream into messages by their declared lengths, never by read boundaries:
/// one read may hold two messages (dbus-daemon sends Hello's reply and NameAcquired
/// together) or part of one. The buffer grows with the bytes that actually arrive, so a
/// peer that claims 128 MiB and sends ten bytes costs ten bytes, not 128 MiB.
/// </summary>
internal sealed class MessageFramer(Stream input)
{
    private const int FirstChunk = 64 * 1024;

    /// <summary>The next message's bytes, or null when the peer closed the stream between messages.</summary>
    public async Task<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var fixedHeader = new byte[MessageDecoder.FixedHeaderLength];
        var got = await input.ReadAtLeastAsync(fixedHeader, fixedHeader.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < fixedHeader.Length)
        {
            throw ClosedMidMessage(got, fixedHeader.Length);
        }

        var total = MessageDecoder.FrameLength(fixedHeader);
        var frame = new byte[Math.Min(total, FirstChunk)];
        fixedHeader.CopyTo(frame, 0);
        var filled = fixedHeader.Length;
        while (filled < total)
        {
            if (filled == frame.Length)
            {
                Array.Resize(ref frame, (int)Math.Min(total, frame.Length * 2L));
            }

            var read = await input.ReadAsync(frame.AsMemory(filled, frame.Length - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw ClosedMidMessage(filled, total);
            }

            filled += read;
        }

        return frame;
    }

    private static DBusConnectionException ClosedMidMessage(int got, int expected) =>
        new($"the peer closed the connection in the middle of a message ({got} of {expected} bytes received)", isTransient: true);
}
