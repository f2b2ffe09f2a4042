using System.Buffers.Binary;
using System.Text;
using CloudSharkHardening.Agent.Logging;
using CloudSharkHardening.Agent.Tests.Support;
using Serilog.Events;
using Serilog.Parsing;

namespace CloudSharkHardening.Agent.Tests.Logging;

public sealed class JournalSinkTests
{
    [Fact]
    public void Emit_SendsMessagePriorityIdentifierAndStructuredFields()
    {
        using var listener = DatagramListener.OnPath();
        using var sink = new JournalSink(listener.Address);

        sink.Emit(Event(LogEventLevel.Warning, "{Rule}: drift in {Path}", ("Rule", "mariadb"), ("Path", "/etc/my.cnf"), ("RunId", "ab12")));
        var fields = Parse(listener.Receive());

        Assert.Equal("mariadb: drift in /etc/my.cnf", fields["MESSAGE"]);
        Assert.Equal("4", fields["PRIORITY"]);
        Assert.Equal("cloudshark-hardening", fields["SYSLOG_IDENTIFIER"]);
        Assert.Equal("mariadb", fields["RULE"]);
        Assert.Equal("/etc/my.cnf", fields["PATH"]);
        Assert.Equal("ab12", fields["RUN_ID"]);
    }

    [Fact]
    public void Emit_MultiLineMessage_UsesTheLengthPrefixedForm()
    {
        using var listener = DatagramListener.OnPath();
        using var sink = new JournalSink(listener.Address);

        sink.Emit(Event(LogEventLevel.Error, "line one\nline two"));
        var datagram = listener.Receive();

        Assert.StartsWith("MESSAGE\n", Encoding.ASCII.GetString(datagram), StringComparison.Ordinal);
        Assert.Equal(17ul, BinaryPrimitives.ReadUInt64LittleEndian(datagram.AsSpan(8, 8)));
        Assert.Equal("line one\nline two", Parse(datagram)["MESSAGE"]);
    }

    [Fact]
    public void Emit_NewlineInAFieldValue_CannotForgeAnotherField()
    {
        using var listener = DatagramListener.OnPath();
        using var sink = new JournalSink(listener.Address);
        const string path = "/cap/x\nPRIORITY=0\nRULE=forged";

        sink.Emit(Event(LogEventLevel.Information, "{Rule}: drift in {Path}", ("Rule", "uploads"), ("Path", path)));
        var fields = Parse(listener.Receive());

        Assert.Equal(path, fields["PATH"]);
        Assert.Equal("6", fields["PRIORITY"]);
        Assert.Equal("uploads", fields["RULE"]);
        Assert.Equal($"uploads: drift in {path}", fields["MESSAGE"]);
    }

    [Fact]
    public void Emit_NoJournal_DoesNotThrow()
    {
        using var sink = new JournalSink("/nonexistent/journal/socket");

        sink.Emit(Event(LogEventLevel.Information, "nobody hears this"));
    }

    [Theory]
    [InlineData("Rule", "RULE")]
    [InlineData("RunId", "RUN_ID")]
    [InlineData("EventId", "EVENT_ID")]
    [InlineData("SourceContext", "SOURCE_CONTEXT")]
    [InlineData("_Hidden", "HIDDEN")]
    [InlineData("URLPath", "URL_PATH")]
    public void FieldName_PascalCase_BecomesUpperSnake(string property, string field) =>
        Assert.Equal(field, JournalEntry.FieldName(property));

    private static LogEvent Event(LogEventLevel level, string template, params (string Name, string Value)[] properties) =>
        new(DateTimeOffset.UnixEpoch, level, null, new MessageTemplateParser().Parse(template), properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value))));

    // The reader side of the native protocol, as journald parses it.
    private static Dictionary<string, string> Parse(byte[] datagram)
    {
        var fields = new Dictionary<string, string>();
        var position = 0;
        while (position < datagram.Length)
        {
            var end = Array.IndexOf(datagram, (byte)'\n', position);
            var line = Encoding.UTF8.GetString(datagram, position, end - position);
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                fields[line[..equals]] = line[(equals + 1)..];
                position = end + 1;
                continue;
            }

            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(datagram.AsSpan(end + 1, 8));
            fields[line] = Encoding.UTF8.GetString(datagram, end + 9, length);
            position = end + 9 + length + 1;
        }

        return fields;
    }
}
