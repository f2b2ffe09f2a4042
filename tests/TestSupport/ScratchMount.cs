using System.Diagnostics;

namespace CloudSharkHardening.TestSupport;

/// <summary>
/// A small tmpfs mounted on a fresh directory, for tests of what happens when the disk is
/// full or read-only: real kernel errors, not mocks. Needs root, which CI has.
/// </summary>
public sealed class ScratchMount : IDisposable
{
    private ScratchMount(string path) => Path = path;

    public string Path { get; }

    public static ScratchMount Create(int sizeKiB)
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("this test mounts a tmpfs and must run as root (CI does)");
        }

        var path = Directory.CreateTempSubdirectory("cloudshark-hardening-mount-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeKiB}k,mode=0755", "tmpfs", path);
        return new ScratchMount(path);
    }

    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", Path);

    /// <summary>Fills the file system to the last block.</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: full, as wanted.
        }
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
