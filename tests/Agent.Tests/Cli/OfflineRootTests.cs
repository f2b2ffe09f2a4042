using CloudSharkHardening.Agent.Cli;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Agent.Tests.Cli;

/// <summary>
/// --root names an offline image; the live root is refused however it is spelled, before any
/// lock is taken or file read, so an offline pass can never run on the live system.
/// </summary>
public sealed class OfflineRootTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Theory]
    [InlineData("/")]
    [InlineData("/.")]
    [InlineData("//")]
    [InlineData("/usr/..")]
    public async Task Once_RootIsTheLiveRoot_Exits64SayingSo(string root)
    {
        var (code, error) = await RunAsync("--once", "--root", root);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"--root {root} is this machine's own root, not an offline image", error, StringComparison.Ordinal);
        Assert.Contains("run without --root", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RootIsALinkToTheLiveRoot_Exits64()
    {
        var link = Path.Combine(_tree.Root, "live");
        File.CreateSymbolicLink(link, "/");

        var (code, error) = await RunAsync("--check", "--root", link);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("is this machine's own root", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_RootIsTheLiveRoot_Exits64()
    {
        var (code, error) = await RunAsync("audit", "--root", "/");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--root / is this machine's own root", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_AnImageDirectoryOrALinkToOne_IsNone()
    {
        var image = Directory.CreateDirectory(Path.Combine(_tree.Root, "image")).FullName;
        var link = Path.Combine(_tree.Root, "image-link");
        File.CreateSymbolicLink(link, image);

        Assert.Null(OfflineRoot.Problem(image));
        Assert.Null(OfflineRoot.Problem(link));
    }

    [Fact]
    public void Problem_MissingDirectory_SaysSo()
    {
        Assert.Equal("--root /nonexistent/cloudshark-root: no such directory", OfflineRoot.Problem("/nonexistent/cloudshark-root"));
    }

    public void Dispose() => _tree.Dispose();

    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, new StringWriter(), error, new ManualTimeProvider(), CancellationToken.None);
        return (code, error.ToString());
    }
}
