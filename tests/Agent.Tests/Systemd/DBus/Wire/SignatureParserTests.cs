using CloudSharkHardening.Agent.Systemd.DBus.Wire;

namespace CloudSharkHardening.Agent.Tests.Systemd.DBus.Wire;

public sealed class SignatureParserTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("ybnqiuxtdsogvh", 14)]
    [InlineData("a{sv}", 1)]
    [InlineData("uoss", 4)]
    [InlineData("sa{sv}as", 3)]
    [InlineData("a(ssssssouso)", 1)]
    [InlineData("aa{s(uo)}a(yv)", 2)]
    [InlineData("(((y)))", 1)]
    public void TryParse_ValidSignature_GivesItsCompleteTypes(string signature, int count)
    {
        Assert.True(SignatureParser.TryParse(signature, out var types, out var problem), problem);

        Assert.Equal(count, types.Count);
        Assert.Equal(signature, string.Concat(types.Select(type => type.Signature)));
    }

    [Theory]
    [InlineData("a", "ends in the middle of a type")]
    [InlineData("()", "empty struct")]
    [InlineData("(ii", "')' is missing")]
    [InlineData("ii)", "')' at 2 is not a type code")]
    [InlineData("{sv}", "is not the element of an array")]
    [InlineData("a{vs}", "must hold a basic key and one value")]
    [InlineData("a{s}", "must hold a basic key and one value")]
    [InlineData("a{sss}", "must hold a basic key and one value")]
    [InlineData("a{(i)s}", "must hold a basic key and one value")]
    [InlineData("({sv})", "is not the element of an array")]
    [InlineData("z", "'z' at 0 is not a type code")]
    [InlineData("a{sv", "'}' is missing")]
    public void TryParse_InvalidSignature_SaysWhatIsWrong(string signature, string expected)
    {
        Assert.False(SignatureParser.TryParse(signature, out _, out var problem));

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ThirtyTwoNestedArraysAndStructs_IsTheLimit()
    {
        var deepest = new string('a', 32) + new string('(', 32) + "y" + new string(')', 32);

        Assert.True(SignatureParser.TryParse(deepest, out _, out var problem), problem);
        Assert.False(SignatureParser.TryParse("a" + deepest, out _, out problem));
        Assert.Contains("more than 32 nested arrays", problem, StringComparison.Ordinal);
        Assert.False(SignatureParser.TryParse("(" + deepest + ")", out _, out problem));
        Assert.Contains("more than 32 nested structs", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DictEntriesCountAsStructs()
    {
        var dictionaries = string.Concat(Enumerable.Repeat("a{s", 32)) + "y" + new string('}', 32);

        Assert.True(SignatureParser.TryParse(dictionaries, out _, out var problem), problem);
        Assert.False(SignatureParser.TryParse("(" + dictionaries + ")", out _, out problem));
        Assert.Contains("more than 32 nested structs", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LongerThan255Bytes_IsRefused()
    {
        Assert.True(SignatureParser.TryParse(new string('y', 255), out _, out _));
        Assert.False(SignatureParser.TryParse(new string('y', 256), out _, out var problem));
        Assert.Contains("the limit is 255", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v", true)]
    [InlineData("a{sv}", true)]
    [InlineData("", false)]
    [InlineData("ss", false)]
    public void TryParseSingle_AcceptsExactlyOneCompleteType(string signature, bool isSingle) =>
        Assert.Equal(isSingle, SignatureParser.TryParseSingle(signature, out _, out _));

    [Theory]
    [InlineData("y", 1)]
    [InlineData("n", 2)]
    [InlineData("b", 4)]
    [InlineData("s", 4)]
    [InlineData("as", 4)]
    [InlineData("t", 8)]
    [InlineData("(y)", 8)]
    [InlineData("v", 1)]
    [InlineData("g", 1)]
    public void Alignment_FollowsTheSpecificationsTable(string signature, int alignment)
    {
        Assert.True(SignatureParser.TryParseSingle(signature, out var type, out _));

        Assert.Equal(alignment, type!.Alignment);
    }
}
