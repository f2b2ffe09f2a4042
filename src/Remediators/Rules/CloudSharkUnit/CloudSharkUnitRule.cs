using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.CloudSharkUnit;

/// <summary>
/// Keeps <c>RequiresMountsFor=</c> the storage directory in the CloudShark unit's drop-in, so
/// the web application never starts writing captures before their file system is mounted.
/// </summary>
public sealed class CloudSharkUnitRule(CloudSharkUnitOptions options, ApplianceHost host) : IRule
{
    /// <summary>The rule's name in the config, on the command line and in reports.</summary>
    public const string RuleName = "cloudshark-unit";

    /// <inheritdoc/>
    public string Name => RuleName;

    /// <inheritdoc/>
    public IReadOnlyList<WatchedPath> WatchedPaths => [new(options.DropInPath, WatchScope.Node)];

    /// <inheritdoc/>
    public IReadOnlyList<string> WatchedUnits => [options.Unit];

    /// <inheritdoc/>
    public async ValueTask<Plan> CheckAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var plan = Check();
        if (!plan.IsCompliant || !host.Live.IsRunning)
        {
            return plan;
        }

        // The drop-in is right; systemd must also have read it.
        var storage = AppliancePath.Normalize(options.StorageDirectory);
        var state = await host.Live.UnitStateAsync(options.Unit, cancellationToken).ConfigureAwait(false);
        if (state.LoadState != "loaded")
        {
            return plan with { Notes = [$"{options.Unit} is {state.LoadState}: systemd cannot confirm RequiresMountsFor={storage}"] };
        }

        List<string> seen =
        [
            .. state.RequiresMountsFor.Any(p => AppliancePath.Normalize(p) == storage) ? [] : new[] { $"systemd has {options.Unit} RequiresMountsFor=[{string.Join(' ', state.RequiresMountsFor)}], without {storage}" },
            .. state.NeedDaemonReload ? new[] { $"systemd says {options.Unit} needs a daemon-reload (NeedDaemonReload=yes)" } : [],
        ];
        return seen.Count == 0 ? plan : new Plan(Name, [], [UnitAction.DaemonReload], ["the drop-in is right, but systemd has not read it yet"]) { Evidence = [.. seen] };
    }

    /// <inheritdoc/>
    public async ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        await host.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);

    private Plan Check()
    {
        var storage = AppliancePath.Normalize(options.StorageDirectory);
        var dropIn = AppliancePath.Normalize(options.DropInPath);
        var why = $"{options.Unit} must wait for the mount holding {storage}";
        var changes = new List<Change>();
        var file = host.Files.ReadText(dropIn);
        if (file is null)
        {
            var target = host.Files.ResolveLinks(dropIn);
            changes.AddRange(DropInDirectory.For(host.Files, target));
            changes.Add(new FileEdit(target, null, MountsForEditor.Require(target, "", storage), why));
        }
        else
        {
            var after = MountsForEditor.Require(file.Path, file.Text, storage);
            if (after == file.Text)
            {
                return Plan.Compliant(Name);
            }

            changes.Add(new FileEdit(file.Path, file.Text, after, why));
        }

        // RequiresMountsFor= only orders the next start; restarting the web application is the admin's call.
        return new Plan(Name, [.. changes], [UnitAction.DaemonReload], [$"RequiresMountsFor={storage} takes effect at the next start of {options.Unit}; it is not restarted now"]);
    }
}
