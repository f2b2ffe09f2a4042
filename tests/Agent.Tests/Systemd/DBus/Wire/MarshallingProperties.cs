using CloudSharkHardening.Agent.Systemd.DBus;
using CloudSharkHardening.Agent.Systemd.DBus.Wire;
using CloudSharkHardening.Agent.Tests.Systemd.DBus.Support;
using FsCheck;
using FsCheck.Fluent;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Wire;

public sealed class MarshallingProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void RoundTrip_AnyBodyInEitherByteOrder_DecodesToTheSameValues()
    {
        Check.One(Runs, Prop.ForAll(DBusValueGen.Body().ToArbitrary(), body =>
        {
            var little = MessageDecoder.Decode(MessageEncoder.Encode(Reply(body)));
            var big = MessageDecoder.Decode(MessageEncoder.Encode(Reply(body), bigEndian: true));
            return little.Body.SequenceEqual(body) && big.Body.SequenceEqual(body) && little.Signature == big.Signature;
        }));
    }

    [Fact]
    public void Encode_DecodedMessageAgain_GivesTheSameBytes()
    {
        Check.One(Runs, Prop.ForAll(DBusValueGen.Body().ToArbitrary(), body =>
        {
            var bytes = MessageEncoder.Encode(Reply(body));
            var decoded = MessageDecoder.Decode(bytes);
            var again = new Message(decoded.Type, decoded.Serial, decoded.Body) { ReplySerial = decoded.ReplySerial };
            return MessageEncoder.Encode(again).SequenceEqual(bytes);
        }));
    }

    [Fact]
    public void Decode_CorruptedBytes_EitherDecodeOrFailAsAProtocolError()
    {
        var corrupted = DBusValueGen.Body()
            .Select(body => MessageEncoder.Encode(Reply(body)))
            .SelectMany(bytes => Gen.ListOf(Gen.Zip(Gen.Choose(0, bytes.Length - 1), Gen.Choose(0, 255)), 3), Corrupt);

        Check.One(Runs, Prop.ForAll(corrupted.ToArbitrary(), bytes =>
        {
            try
            {
                _ = MessageDecoder.Decode(bytes).Body;
                return true;
            }
            catch (DBusProtocolException)
            {
                return true;
            }
        }));
    }

    private static byte[] Corrupt(byte[] bytes, IEnumerable<(int Offset, int Value)> changes)
    {
        var copy = bytes.ToArray();
        foreach (var (offset, value) in changes)
        {
            copy[offset] = (byte)value;
        }

        return copy;
    }

    private static Message Reply(IReadOnlyList<DBusValue> body) => new(MessageType.MethodReturn, 9, body) { ReplySerial = 3 };
}
