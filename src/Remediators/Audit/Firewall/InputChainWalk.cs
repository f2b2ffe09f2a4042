using CloudSharkHardening.Remediators.Formats.IptablesSave;
using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Audit.Firewall;

/// <summary>
/// Follows a new packet from outside through the filter table's INPUT chain, into the user
/// chains it jumps to, to the verdict. A rule that matches only some packets and accepts
/// them makes the port at best <see cref="FilterState.Restricted"/>; only a rule or policy
/// that drops every remaining packet makes it <see cref="FilterState.Dropped"/>.
/// </summary>
public sealed class InputChainWalk(IptablesRuleset ruleset, string tool)
{
    // The kernel refuses jump loops and limits nesting; deeper than this is a file we misread.
    private const int MaxDepth = 32;

    private static readonly HashSet<string> NonTerminatingTargets = new(StringComparer.Ordinal)
    {
        "LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "CT", "NOTRACK", "TRACE", "AUDIT", "SET",
        "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "TCPMSS", "SECMARK", "CONNSECMARK", "CHECKSUM", "LED", "IDLETIMER", "RATEEST",
    };

    private enum Outcome
    {
        Accept,
        Drop,
        Return,
    }

    /// <summary>What INPUT does with a new packet for <paramref name="port"/> over <paramref name="transport"/>.</summary>
    public FilterVerdict Judge(Transport transport, int port)
    {
        if (!ruleset.HasFilterTable)
        {
            return new FilterVerdict(FilterState.Open, $"{tool}: no filter table, nothing is filtered");
        }

        if (ruleset.Problem is { } problem)
        {
            return new FilterVerdict(FilterState.Unknown, $"{tool}: {problem}");
        }

        var (outcome, someMayPass, decidedBy) = Walk("INPUT", transport, port, depth: 0);
        if (outcome == Outcome.Return)
        {
            var policy = ruleset.Policy("INPUT");
            outcome = policy == "DROP" ? Outcome.Drop : Outcome.Accept;
            decidedBy = $"INPUT policy {policy}";
        }

        if (outcome == Outcome.Accept)
        {
            return new FilterVerdict(FilterState.Open, $"{tool}: accepted by {decidedBy}");
        }

        return someMayPass is null
            ? new FilterVerdict(FilterState.Dropped, $"{tool}: dropped by {decidedBy}")
            : new FilterVerdict(FilterState.Restricted, $"{tool}: some sources accepted by '{someMayPass}', the rest dropped by {decidedBy}");
    }

    /// <returns>The chain's outcome for the packets that reach its end or a verdict; the first rule that let only some through; the deciding rule.</returns>
    private (Outcome Outcome, string? SomeMayPass, string DecidedBy) Walk(string chain, Transport transport, int port, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new Errors.HardeningException($"{tool}: chains nest deeper than {MaxDepth} below INPUT; the rules cannot be followed");
        }

        string? someMayPass = null;
        foreach (var rule in ruleset.Rules(chain))
        {
            var spec = rule.Spec;
            var match = OutsidePacketMatcher.Classify(spec, transport, port);
            if (match == PacketMatch.Never || spec.Target is null || NonTerminatingTargets.Contains(spec.Target))
            {
                continue;
            }

            var quoted = $"'{rule.Text}'";
            var (outcome, innerSome, decidedBy) = spec.Target switch
            {
                "ACCEPT" => (Outcome.Accept, null, quoted),
                "DROP" or "REJECT" => (Outcome.Drop, null, quoted),
                "RETURN" => (Outcome.Return, null, quoted),
                var target when ruleset.HasChain(target) => Walk(target, transport, port, depth + 1),
                // NFQUEUE, TPROXY, anything unknown: something else decides, and it may let the packet in.
                _ => (Outcome.Accept, null, quoted),
            };

            someMayPass ??= innerSome;
            if (outcome == Outcome.Return && ruleset.HasChain(spec.Target) && !spec.IsGoto)
            {
                continue; // back from the jump: on with this chain
            }

            if (match == PacketMatch.Always)
            {
                return (outcome, someMayPass, decidedBy);
            }

            // Only some packets take this verdict; the others go on down the chain.
            if (outcome != Outcome.Drop)
            {
                someMayPass ??= rule.Text;
            }
        }

        return (Outcome.Return, someMayPass, chain);
    }
}
