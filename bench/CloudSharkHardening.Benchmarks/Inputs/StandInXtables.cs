namespace CloudSharkHardening.Benchmarks.Inputs;

/// <summary>
/// Stand-ins for iptables, iptables-save and the ip6tables ones: tiny shell scripts that print
/// a version line or a prepared filter table. A compliant firewall check runs exactly four of
/// them (-V and -save per family), so its figure includes four process starts of a shell,
/// which is the part of the cost a real iptables would replace with its own.
/// </summary>
public sealed class StandInXtables
{
    public StandInXtables(string directory)
    {
        Bin = directory;
        Directory.CreateDirectory(Bin);
        foreach (var tool in new[] { "iptables", "ip6tables" })
        {
            Script(tool, $"echo '{tool} v1.8.9 (nf_tables)'");
            Script(tool + "-save", $"exec cat '{TablePath(tool)}'");
        }
    }

    /// <summary>The directory to give the firewall rule as its program directory.</summary>
    public string Bin { get; }

    /// <summary>Makes <paramref name="table"/> what the family's -save prints from now on.</summary>
    public void Kernel(bool ipv6, string table) => File.WriteAllText(TablePath(ipv6 ? "ip6tables" : "iptables"), table);

    public string Kernel(bool ipv6) => File.ReadAllText(TablePath(ipv6 ? "ip6tables" : "iptables"));

    private string TablePath(string tool) => Path.Combine(Bin, tool + ".table");

    private void Script(string name, string body)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
