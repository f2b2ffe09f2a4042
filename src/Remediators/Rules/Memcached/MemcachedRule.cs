using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// memcached listens on loopback only, with UDP off. Judged by what memcached's arguments
/// mean (any spelling of <c>-l</c> and <c>-U</c>), and repaired by editing only those options.
/// </summary>
public sealed class MemcachedRule(MemcachedOptions options, ApplianceHost host) : IRule
{
    public const string RuleName = "memcached";

    public string Name => RuleName;

    public ValueTask<Plan> CheckAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var listenList = string.Join(',', options.ListenAddresses);
        IMemcachedConfigEditor editor = options.Format switch
        {
            MemcachedConfigFormat.Sysconfig => new SysconfigMemcachedEditor(),
            MemcachedConfigFormat.DebianConf => new DebianConfMemcachedEditor(),
            _ => throw new InvalidOperationException($"no editor for memcached config format {options.Format}"),
        };
        var file = host.Files.ReadText(options.ConfigFile);
        if (file is null)
        {
            var path = host.Files.ResolveLinks(options.ConfigFile);
            return ValueTask.FromResult(new Plan(
                Name,
                [new FileEdit(path, null, editor.Create(listenList), $"create it: listen on {listenList} only, UDP off")],
                [UnitAction.Restart(options.Unit)],
                [$"{path} did not exist, so memcached had no listen or UDP settings; it is created with only those"]));
        }

        var edit = editor.Harden(file, listenList);
        if (edit.Before.IsCompliant)
        {
            return ValueTask.FromResult(Plan.Compliant(Name));
        }

        var why = $"listen on {listenList} only, UDP off (was: {edit.Before.Describe()})";
        return ValueTask.FromResult(new Plan(
            Name,
            [new FileEdit(file.Path, file.Text, edit.After, why)],
            [UnitAction.Restart(options.Unit)],
            []));
    }

    public async ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        await host.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
}
