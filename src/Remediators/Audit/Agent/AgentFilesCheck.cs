using System.Globalization;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Audit.Agent;

/// <summary>
/// The agent's configuration and state can be changed by root only. Whoever can write the
/// configuration decides what a root daemon enforces; whoever can write the state directory
/// can queue unit restarts (pending-unit-actions.json) or plant "backups" that restore
/// would put back. A directory on the way counts as much as the file: it lets a file be swapped.
/// </summary>
/// <param name="host">The appliance: its accounts name the writers.</param>
/// <param name="configFiles">Where the configuration file lives: the appliance, or this machine for an explicit --config.</param>
/// <param name="configPath">The configuration file, used or not (a writer could create it).</param>
/// <param name="stateDirectory">The agent's state directory on the appliance.</param>
public sealed class AgentFilesCheck(ApplianceHost host, RootedFileSystem configFiles, string configPath, string stateDirectory) : IAuditCheck
{
    public string Name => "agent-files";

    public Task<IReadOnlyList<Finding>> RunAsync(CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var config = WithAncestors(configFiles, configFiles.ResolveLinks(configPath)).SelectMany(path => Writers(configFiles, path)).ToList();
        if (config.Count > 0)
        {
            findings.Add(Writable("agent.config-writable", $"The agent's configuration {configPath} can be changed by users other than root", config));
        }

        var stateRoot = host.Files.ResolveLinks(stateDirectory);
        var state = WithAncestors(host.Files, stateRoot).Concat(Entries(stateRoot, depth: 2)).SelectMany(path => Writers(host.Files, path)).ToList();
        if (state.Count > 0)
        {
            findings.Add(Writable("agent.state-writable", $"The agent's state in {stateDirectory} can be changed by users other than root", state));
        }

        return Task.FromResult<IReadOnlyList<Finding>>(findings);
    }

    /// <summary>The path if it exists, and every directory above it up to /.</summary>
    private static IEnumerable<string> WithAncestors(RootedFileSystem files, string path)
    {
        var current = path;
        while (true)
        {
            if (files.Stat(current).Exists)
            {
                yield return current;
            }

            if (current == "/")
            {
                yield break;
            }

            current = AppliancePath.Parent(current);
        }
    }

    private IEnumerable<string> Entries(string directory, int depth)
    {
        foreach (var name in host.Files.ListDirectory(directory))
        {
            var path = AppliancePath.Combine(directory, name);
            yield return path;
            if (depth > 1 && host.Files.Stat(path).Kind == FileNodeKind.Directory)
            {
                foreach (var inner in Entries(path, depth - 1))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>One line per path that someone other than root may write, naming who.</summary>
    private IEnumerable<string> Writers(RootedFileSystem files, string path)
    {
        var node = files.Stat(path);
        if (node.Kind is FileNodeKind.Missing or FileNodeKind.Symlink)
        {
            yield break; // a link's own mode means nothing; its target is checked where it leads
        }

        var who = new List<string>();
        if (node.UserId != 0 && (node.Mode & UnixFileMode.UserWrite) != 0)
        {
            who.Add($"user {host.Accounts.UserName(node.UserId)}");
        }

        if (node.GroupId != 0 && (node.Mode & UnixFileMode.GroupWrite) != 0)
        {
            who.Add($"group {host.Accounts.GroupName(node.GroupId)}");
        }

        // In a sticky directory (/tmp) others may add entries but not replace root's.
        var sticky = node.Kind == FileNodeKind.Directory && (node.Mode & UnixFileMode.StickyBit) != 0;
        if ((node.Mode & UnixFileMode.OtherWrite) != 0 && !sticky)
        {
            who.Add("everyone");
        }

        if (who.Count > 0)
        {
            var mode = Convert.ToString((int)node.Mode & 0xFFF, 8).PadLeft(4, '0');
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}: mode {mode}, owner {host.Accounts.UserName(node.UserId)}:{host.Accounts.GroupName(node.GroupId)}; writable by {string.Join(", ", who)}");
        }
    }

    private static Finding Writable(string id, string title, IReadOnlyList<string> evidence) => new(
        id,
        Severity.High,
        title,
        evidence,
        "Give each path named to root and take write access from everyone else: 'chown root:root PATH && chmod go-w PATH'.",
        [BenchmarkReferences.CriticalResourcePermissions]);
}
