using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// Keeps the database off the network: the server's effective option set, read through
/// every option file and include in the server's own order, must have <c>skip-networking</c>.
/// The local unix socket keeps working.
/// </summary>
public sealed class MariaDbRule(MariaDbOptions options, ApplianceHost host) : IRule
{
    /// <summary>The rule's name in the config, on the command line and in reports.</summary>
    public const string RuleName = "mariadb";

    /// <inheritdoc/>
    public string Name => RuleName;

    /// <summary>
    /// Reads the option chain; the first note always says where the effective value of
    /// <c>skip-networking</c> comes from, e.g. "skip-networking effective: off (decided by
    /// /etc/my.cnf.d/zz.cnf:3 skip-networking=0)".
    /// </summary>
    public ValueTask<Plan> CheckAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var chain = OptionFileChain.Read(host.Files, options.OptionFiles);
        var verdict = SkipNetworkingPlanner.Evaluate(chain);
        string[] notes = [verdict.Describe(), .. chain.Notes];
        if (verdict.IsOn)
        {
            return ValueTask.FromResult(Plan.Compliant(RuleName, notes));
        }

        var edits = SkipNetworkingPlanner.Plan(chain, options.SeedFile);
        return ValueTask.FromResult(new Plan(RuleName, [.. edits], [UnitAction.Restart(options.Unit)], [.. notes]));
    }

    /// <inheritdoc/>
    public async ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        await host.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
}
