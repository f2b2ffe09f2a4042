using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats.IptablesSave;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// What <c>iptables-save -t filter</c> shows of the agent's part of the filter table: the
/// chain's declaration and rules and every INPUT rule that jumps to it. Nobody else's rule is
/// read beyond finding ACCEPT rules placed before the jump, which would let traffic past it.
/// A line is the agent's by the chain it is in or the target it jumps to, as iptables reads
/// them; what a comment says makes no rule the agent's.
/// </summary>
public sealed class KernelChainView
{
    private KernelChainView(ImmutableArray<IptablesSaveLine> ours, ImmutableArray<string> rules, ImmutableArray<string> jumps, bool declared, ImmutableArray<string> bypasses)
    {
        Ours = ours;
        Rules = rules;
        Jumps = jumps;
        IsDeclared = declared;
        Bypasses = bypasses;
    }

    /// <summary>The agent's lines in the order iptables-save printed them.</summary>
    public ImmutableArray<IptablesSaveLine> Ours { get; }

    /// <summary>The chain's rule specifications, in order.</summary>
    public ImmutableArray<string> Rules { get; }

    /// <summary>The specifications of INPUT rules that jump to the chain, in order.</summary>
    public ImmutableArray<string> Jumps { get; }

    public bool IsDeclared { get; }

    /// <summary>ACCEPT rules of INPUT before the first jump that could let the managed ports past the chain.</summary>
    public ImmutableArray<string> Bypasses { get; }

    /// <summary>The agent's lines as text, one per line (empty when none): what a diff and the pre-apply check compare.</summary>
    public string Text => string.Concat(Ours.Select(line => line.Text + "\n"));

    /// <summary>True when the kernel holds exactly <paramref name="chain"/> with one plain jump to it.</summary>
    public bool Holds(ManagedChain chain) =>
        IsDeclared && Rules.SequenceEqual(chain.RuleSpecs, StringComparer.Ordinal) && Jumps is [var jump] && jump == chain.JumpSpec;

    /// <summary>Reads the filter table as iptables-save printed it.</summary>
    /// <param name="saveOutput">The output of <c>iptables-save -t filter</c>.</param>
    /// <param name="chain">The name of the agent's chain.</param>
    /// <param name="managedPorts">The public and local-only ports, to spot INPUT rules that accept them first.</param>
    /// <exception cref="HardeningException">A quoted argument runs over a line break, so which lines are rules is unclear.</exception>
    public static KernelChainView Read(string saveOutput, string chain, IReadOnlyCollection<int> managedPorts)
    {
        var saved = IptablesSaveFile.Parse(saveOutput);
        if (saved.QuoteAcrossLines is { } broken)
        {
            throw new HardeningException($"iptables-save printed a rule whose quoted argument (a comment?) holds a line break, so the lines after it only look like rules; the agent changes nothing until that rule is gone: {broken.Text}");
        }

        var filter = saved.Lines.Where(line => line.Table == ManagedChain.Table).ToList();
        var ours = filter.Where(line => IsOurs(line, chain)).ToImmutableArray();
        var input = filter.Select(line => line.Rule).OfType<IptablesRule>().Where(rule => rule.Chain == "INPUT").ToList();
        var firstJump = input.FindIndex(rule => rule.Spec.SendsTo(chain));
        var bypasses = input.Take(firstJump < 0 ? 0 : firstJump)
            .Where(rule => AcceptBeforeJump.CouldTakeManagedPorts(rule.Spec, managedPorts))
            .Select(rule => rule.Text);
        return new KernelChainView(
            ours,
            [.. ours.Select(line => line.Rule).OfType<IptablesRule>().Where(rule => rule.Chain == chain).Select(rule => rule.SpecText)],
            [.. input.Where(rule => rule.Spec.SendsTo(chain)).Select(rule => rule.SpecText)],
            ours.Any(line => line.Kind == IptablesSaveLineKind.Chain),
            [.. bypasses]);
    }

    /// <summary>The agent's own lines: its chain's declaration and rules, and INPUT's jumps to it.</summary>
    internal static bool IsOurs(IptablesSaveLine line, string chain) => line.Kind switch
    {
        IptablesSaveLineKind.Chain => line.Chain == chain,
        IptablesSaveLineKind.Rule => line.Rule!.Chain == chain || (line.Rule.Chain == "INPUT" && line.Rule.Spec.SendsTo(chain)),
        _ => false,
    };
}
