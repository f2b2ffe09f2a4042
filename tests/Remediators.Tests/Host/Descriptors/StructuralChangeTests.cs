using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Host.Native;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Host.Descriptors;

/// <summary>Directories, links and owners changed where an unprivileged account can write.</summary>
public sealed class StructuralChangeTests : IDisposable
{
    private const uint CloudShark = 1000;
    private const UnixFileMode Mode0750 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempTree _tree = new TempTree()
        .Write("/etc/passwd", "root:x:0:0::/root:/bin/sh\ncloudshark:x:1000:1000::/home/cloudshark:/bin/sh\n")
        .Write("/etc/canary", "do not touch\n")
        .MakeDirectory("/home/cloudshark")
        .Chown("/home/cloudshark", CloudShark, CloudShark);

    [Fact]
    public void CreateDirectory_InAnAccountsDirectory_IsMadeThenHandedOverByDescriptor()
    {
        _tree.Files.CreateDirectory("/home/cloudshark/cap", CloudShark, CloudShark, Mode0750);

        var node = _tree.Files.Stat("/home/cloudshark/cap");
        Assert.Equal((FileNodeKind.Directory, Mode0750, CloudShark, CloudShark), (node.Kind, node.Mode, node.UserId, node.GroupId));
    }

    [Fact]
    public void CreateDirectory_InASetGroupIdDirectory_KeepsTheInheritedBit()
    {
        File.SetUnixFileMode(_tree.HostPath("/home/cloudshark"), Mode0750 | UnixFileMode.SetGroup);

        _tree.Files.CreateDirectory("/home/cloudshark/cap", CloudShark, CloudShark, Mode0750);

        Assert.Equal(Mode0750 | UnixFileMode.SetGroup, _tree.Files.Stat("/home/cloudshark/cap").Mode);
    }

    [Fact]
    public async Task CreateDirectory_RacedBySwapsForALinkToARootFile_NeverChangesThatFile()
    {
        File.SetUnixFileMode(_tree.HostPath("/etc/canary"), Mode0600);
        var target = _tree.HostPath("/home/cloudshark/cap");
        using var stop = new CancellationTokenSource();
        var canaryPath = _tree.HostPath("/etc/canary");
        var swaps = 0;
        // What cloudshark can do in its own directory: whenever a real directory stands there
        // (the agent has just made it), rename it away and put a link to a root-owned file in
        // its place, with raw calls and nothing in between: the window after mkdir is short.
        var racer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (Directory.Exists(target) && new FileInfo(target).LinkTarget is null
                    && LibC.RenameAt2(LibC.AtFdCwd, target, LibC.AtFdCwd, $"{target}.{swaps}", 0) == 0)
                {
                    _ = LibC.SymlinkAt(canaryPath, LibC.AtFdCwd, target);
                    Interlocked.Increment(ref swaps);
                }
            }
        });

        // Passes until the racer has swapped 200 times (the count), bounded in time.
        var started = TimeProvider.System.GetTimestamp();
        while (Volatile.Read(ref swaps) < 200 && TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(20))
        {
            RemoveWhateverIsAt(target);

            try
            {
                _tree.Files.CreateDirectory("/home/cloudshark/cap", CloudShark, CloudShark, Mode0750);
            }
            catch (HardeningException)
            {
                // Refused because the racer won this pass: the safe outcome.
            }
        }

        await stop.CancelAsync();
        await racer;
        var canary = _tree.Files.Stat("/etc/canary");
        Assert.Equal((Mode0600, 0u, 0u), (canary.Mode, canary.UserId, canary.GroupId));
        Assert.Equal("do not touch\n", _tree.Read("/etc/canary"));
        Assert.True(swaps > 0, "the racer never got to swap a directory the agent made: the race was not run");
    }

    [Fact]
    public void SetDirectoryOwner_RootOwnedDirectoryInAnAccountsDirectory_IsRefused()
    {
        _tree.MakeDirectory("/home/cloudshark/cap");

        var error = Assert.Throws<UnsafePathException>(() => _tree.Files.SetDirectoryOwner("/home/cloudshark/cap", CloudShark, CloudShark));

        Assert.Contains("/home/cloudshark/cap belongs to uid 0 (root) but lies in /home/cloudshark", error.Message, StringComparison.Ordinal);
        Assert.Equal(0u, _tree.Files.Stat("/home/cloudshark/cap").UserId);
    }

    [Fact]
    public void SetDirectoryOwner_Symlink_IsNotFollowed()
    {
        _tree.Symlink("/cap", "/etc");

        Assert.Throws<FileChangedSinceCheckException>(() => _tree.Files.SetDirectoryOwner("/cap", CloudShark, CloudShark));

        Assert.Equal(0u, _tree.Files.Stat("/etc").UserId);
    }

    [Fact]
    public void SetSymlink_ARegularFileAppearedWhereTheOldLinkWas_IsPutBackUntouched()
    {
        _tree.Write("/home/cloudshark/uploads", "a capture\n");

        Assert.Throws<FileChangedSinceCheckException>(() => _tree.Files.SetSymlink("/home/cloudshark/uploads", "/cap", "/old-cap"));

        Assert.Equal("a capture\n", _tree.Read("/home/cloudshark/uploads"));
        Assert.Equal(["uploads"], _tree.Files.ListDirectory("/home/cloudshark"));
    }

    [Fact]
    public void SetSymlink_TheExpectedOldLink_IsSwappedAtomically()
    {
        _tree.Symlink("/home/cloudshark/uploads", "/old-cap");

        _tree.Files.SetSymlink("/home/cloudshark/uploads", "/cap", "/old-cap");

        Assert.Equal("/cap", _tree.Files.Stat("/home/cloudshark/uploads").LinkTarget);
        Assert.Equal(["uploads"], _tree.Files.ListDirectory("/home/cloudshark"));
    }

    [Fact]
    public void SetSymlink_SomethingAppearedWhereNothingWas_IsNotReplaced()
    {
        _tree.MakeDirectory("/home/cloudshark/uploads");

        Assert.Throws<FileChangedSinceCheckException>(() => _tree.Files.SetSymlink("/home/cloudshark/uploads", "/cap", expectedOldTarget: null));

        Assert.Equal(FileNodeKind.Directory, _tree.Files.Stat("/home/cloudshark/uploads").Kind);
    }

    [Fact]
    public void RenameNoReplace_AnAncestorSwappedForALink_MovesNothing()
    {
        _tree.MakeDirectory("/home/cloudshark/shared/uploads").Chown("/home/cloudshark/shared", CloudShark, CloudShark).Chown("/home/cloudshark/shared/uploads", CloudShark, CloudShark);
        _tree.MakeDirectory("/srv/other/uploads");
        Directory.Move(_tree.HostPath("/home/cloudshark/shared"), _tree.HostPath("/home/cloudshark/shared.away"));
        _tree.Symlink("/home/cloudshark/shared", "/srv/other").Chown("/home/cloudshark/shared", CloudShark, CloudShark);

        Assert.Throws<UnsafePathException>(() => _tree.Files.RenameNoReplace("/home/cloudshark/shared/uploads", "/home/cloudshark/shared/uploads.original"));

        Assert.Equal(["uploads"], _tree.Files.ListDirectory("/srv/other"));
    }

    public void Dispose() => _tree.Dispose();

    // What cloudshark does between passes in its own directory, so the agent creates it anew.
    private static void RemoveWhateverIsAt(string hostPath)
    {
        try
        {
            if (new FileInfo(hostPath).LinkTarget is null && Directory.Exists(hostPath))
            {
                Directory.Delete(hostPath);
            }
            else
            {
                File.Delete(hostPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The racer changed it meanwhile; the next pass finds whatever is there.
        }
    }
}
