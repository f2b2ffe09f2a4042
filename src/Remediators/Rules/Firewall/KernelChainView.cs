using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats.IptablesSave;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// What <c>iptables-save -t filter</c> shows of the agent's part of the filter table: the
/// chain's declaration and rules, every INPUT rule that jumps to it, and whatever INPUT rules
/// of others come before the jump: each of those sees every packet first, and an ACCEPT or a
/// jump elsewhere there would let traffic past the chain, so the jump must be INPUT's first
/// rule. Nobody else's rule is read for more than its place. A line is the agent's by the
/// chain it is in or the target it jumps to, as iptables reads them; what a comment says
/// makes no rule the agent's.
/// </summary>
public sealed class KernelChainView
{
    private KernelChainView(ImmutableArray<IptablesSaveLine> ours, ImmutableArray<string> rules, ImmutableArray<string> jumps, bool declared, ImmutableArray<string> above)
    {
        Ours = ours;
        Rules = rules;
        Jumps = jumps;
        IsDeclared = declared;
        Above = above;
    }

    /// <summary>The agent's lines in the order iptables-save printed them.</summary>
    public ImmutableArray<IptablesSaveLine> Ours { get; }

    /// <summary>The chain's rule specifications, in order.</summary>
    public ImmutableArray<string> Rules { get; }

    /// <summary>The specifications of INPUT rules that jump to the chain, in order.</summary>
    public ImmutableArray<string> Jumps { get; }

    public bool IsDeclared { get; }

    /// <summary>
    /// Others' INPUT rules, as iptables-save printed them, that come before the jump the agent
    /// keeps (the first plain one, else the first of any kind); empty when there is no jump.
    /// </summary>
    public ImmutableArray<string> Above { get; }

    /// <summary>The agent's lines as text, one per line (empty when none): what a diff and the pre-apply check compare.</summary>
    public string Text => string.Concat(Ours.Select(line => line.Text + "\n"));

    /// <summary>True when the kernel holds exactly <paramref name="chain"/> with one plain jump to it, first in INPUT.</summary>
    public bool Holds(ManagedChain chain) =>
        IsDeclared && Rules.SequenceEqual(chain.RuleSpecs, StringComparer.Ordinal) && Jumps is [var jump] && jump == chain.JumpSpec && Above.IsEmpty;

    /// <summary>Reads the filter table as iptables-save printed it.</summary>
    /// <param name="saveOutput">The output of <c>iptables-save -t filter</c>.</param>
    /// <param name="chain">The name of the agent's chain.</param>
    /// <exception cref="HardeningException">A quoted argument runs over a line break, so which lines are rules is unclear.</exception>
    public static KernelChainView Read(string saveOutput, string chain)
    {
        var saved = IptablesSaveFile.Parse(saveOutput);
        if (saved.QuoteAcrossLines is { } broken)
        {
            throw new HardeningException($"iptables-save printed a rule whose quoted argument (a comment?) holds a line break, so the lines after it only look like rules; the agent changes nothing until that rule is gone: {broken.Text}");
        }

        var filter = saved.Lines.Where(line => line.Table == ManagedChain.Table).ToList();
        var ours = filter.Where(line => IsOurs(line, chain)).ToImmutableArray();
        var input = filter.Select(line => line.Rule).OfType<IptablesRule>().Where(rule => rule.Chain == "INPUT").ToList();
        var kept = input.FindIndex(rule => rule.SpecText == ManagedChain.PlainJump(chain));
        kept = kept >= 0 ? kept : input.FindIndex(rule => rule.Spec.SendsTo(chain));
        var above = input.Take(Math.Max(kept, 0)).Where(rule => !rule.Spec.SendsTo(chain)).Select(rule => rule.Text);
        return new KernelChainView(
            ours,
            [.. ours.Select(line => line.Rule).OfType<IptablesRule>().Where(rule => rule.Chain == chain).Select(rule => rule.SpecText)],
            [.. input.Where(rule => rule.Spec.SendsTo(chain)).Select(rule => rule.SpecText)],
            ours.Any(line => line.Kind == IptablesSaveLineKind.Chain),
            [.. above]);
    }

    /// <summary>The agent's own lines: its chain's declaration and rules, and INPUT's jumps to it.</summary>
    internal static bool IsOurs(IptablesSaveLine line, string chain) => line.Kind switch
    {
        IptablesSaveLineKind.Chain => line.Chain == chain,
        IptablesSaveLineKind.Rule => line.Rule!.Chain == chain || (line.Rule.Chain == "INPUT" && line.Rule.Spec.SendsTo(chain)),
        _ => false,
    };
}
