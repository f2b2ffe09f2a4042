using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CloudSharkHardening.Agent.Tests.Support;

/// <summary>
/// A network namespace of the test's own (<c>ip netns add</c>), so a test can change a real
/// kernel's nf_tables rules without touching the machine's. Needs root, which CI has, and
/// the <c>nft</c> tool (scripts/setup-test-deps.sh installs it).
/// </summary>
public sealed partial class NetworkNamespace : IDisposable
{
    private const int CloneNewNet = 0x4000_0000;

    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    public static NetworkNamespace Create()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("this test makes a network namespace and changes its firewall, and must run as root (CI does)");
        }

        var space = new NetworkNamespace($"cshtest-{Guid.NewGuid():N}"[..20]);
        Run("ip", "netns", "add", space.Name);
        return space;
    }

    /// <summary>Runs <paramref name="open"/> on a thread that has entered the namespace: a socket it opens belongs to the namespace for good.</summary>
    public T Inside<T>(Func<T> open)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var space = File.OpenHandle($"/run/netns/{Name}");
                if (SetNamespace((int)space.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns: errno {Marshal.GetLastPInvokeError()}");
                }

                // The thread ends here, and the namespace it entered with it.
                result = open();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result! : throw new InvalidOperationException("could not act inside the namespace", failure);
    }

    /// <summary>Runs <c>nft</c> in the namespace with <paramref name="script"/> on its standard input.</summary>
    public void Nft(string script) => Run("ip", ["netns", "exec", Name, "nft", "-f", "-"], script);

    public void Dispose() => Run("ip", "netns", "delete", Name);

    private static void Run(string file, params string[] arguments) => Run(file, arguments, null);

    private static void Run(string file, string[] arguments, string? input)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNamespace(int fd, int type);
}
