using System.Globalization;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Remediators.Tests.Host.Listeners;

/// <summary>Builds a fake /proc in a <see cref="TempTree"/>: captured socket tables and processes.</summary>
internal static class ProcTree
{
    public static readonly string[] TableNames = ["tcp", "tcp6", "udp", "udp6", "unix"];

    public static string Fixture(string set, string table) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "proc", set, table);

    /// <summary>Every table of a fixture set (captured or damaged; damaged falls back to captured).</summary>
    public static TempTree WithTables(this TempTree tree, string set = "captured")
    {
        foreach (var table in TableNames)
        {
            var source = File.Exists(Fixture(set, table)) ? Fixture(set, table) : Fixture("captured", table);
            tree.WriteBytes($"/proc/net/{table}", File.ReadAllBytes(source));
        }

        return tree;
    }

    /// <summary>
    /// A process whose descriptors 3, 4, ... are the given sockets; descriptors 0 to 2 are not
    /// sockets, as in a real process.
    /// </summary>
    public static TempTree WithProcess(this TempTree tree, int processId, string name, string? cgroup, params long[] socketInodes)
    {
        var directory = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}";
        tree.Write($"{directory}/comm", name + "\n");
        if (cgroup is not null)
        {
            tree.Write($"{directory}/cgroup", cgroup);
        }

        tree.Symlink($"{directory}/fd/0", "/dev/null")
            .Symlink($"{directory}/fd/1", "pipe:[4242]")
            .Symlink($"{directory}/fd/2", "anon_inode:[eventpoll]");
        for (var index = 0; index < socketInodes.Length; index++)
        {
            tree.Symlink($"{directory}/fd/{(index + 3).ToString(CultureInfo.InvariantCulture)}", $"socket:[{socketInodes[index].ToString(CultureInfo.InvariantCulture)}]");
        }

        return tree;
    }
}
