namespace CloudSharkHardening.Remediators.Tests.Rules.Firewall;

/// <summary>
/// A directory of iptables tools (iptables, iptables-save, iptables-restore and the ip6tables
/// ones) backed by Fixtures/firewall/fake-xtables.sh, whose "kernel" is a save-format file
/// per family: tests run the real command runner and restore semantics without a firewall.
/// </summary>
internal sealed class FakeXtables : IDisposable
{
    public const string EmptyTable = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";

    private static readonly string[] Programs = ["iptables", "iptables-save", "iptables-restore", "ip6tables", "ip6tables-save", "ip6tables-restore"];

    public FakeXtables(string v4 = EmptyTable, string v6 = EmptyTable)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("cloudshark-xtables-").FullName;
        State = System.IO.Path.Combine(Directory, "state");
        Bin = System.IO.Path.Combine(Directory, "bin");
        System.IO.Directory.CreateDirectory(State);
        System.IO.Directory.CreateDirectory(Bin);
        var script = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "firewall", "fake-xtables.sh");
        foreach (var program in Programs)
        {
            var path = System.IO.Path.Combine(Bin, program);
            File.WriteAllText(path, $"#!/bin/sh\nexec /bin/sh '{script}' '{State}' {program} \"$@\"\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Kernel(false, v4);
        Kernel(true, v6);
    }

    public string Directory { get; }

    /// <summary>The directory to give the rule as its program directory.</summary>
    public string Bin { get; }

    private string State { get; }

    /// <summary>Every call, one line each ("iptables-save -t filter"), each restore followed by its payload.</summary>
    public string Calls => File.Exists(CallsPath) ? File.ReadAllText(CallsPath) : "";

    private string CallsPath => System.IO.Path.Combine(State, "calls.log");

    /// <summary>The family's filter table as the fake kernel holds it.</summary>
    public string Kernel(bool ipv6) => File.ReadAllText(TablePath(ipv6));

    public FakeXtables Kernel(bool ipv6, string table)
    {
        File.WriteAllText(TablePath(ipv6), table);
        return this;
    }

    /// <summary>What <c>iptables -V</c> prints from now on.</summary>
    public FakeXtables Version(string line) => Put("version", line + "\n");

    /// <summary>What iptables-save prints on stderr from now on.</summary>
    public FakeXtables SaveWarning(string text) => Put("save-stderr", text);

    /// <summary>Every restore from now on fails with <paramref name="error"/> and changes nothing.</summary>
    public FakeXtables FailRestore(string error) => Put("fail-restore", error);

    public void ForgetCalls() => File.Delete(CallsPath);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string TablePath(bool ipv6) => System.IO.Path.Combine(State, ipv6 ? "v6.rules" : "v4.rules");

    private FakeXtables Put(string name, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(State, name), text);
        return this;
    }
}
