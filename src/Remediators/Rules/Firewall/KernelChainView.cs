using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Formats.IptablesSave;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// What <c>iptables-save -t filter</c> shows of the agent's part of the filter table: the
/// chain's declaration and rules and every INPUT rule that jumps to it. Nobody else's rule is
/// read beyond finding ACCEPT rules placed before the jump, which would let traffic past it.
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
    public static KernelChainView Read(string saveOutput, string chain, IReadOnlyCollection<int> managedPorts)
    {
        var filter = IptablesSaveFile.Parse(saveOutput).Lines.Where(line => line.Table == ManagedChain.Table).ToList();
        var ours = filter.Where(line => IsOurs(line, chain)).ToImmutableArray();
        var input = filter.Where(line => line.Kind == IptablesSaveLineKind.Rule && line.Chain == "INPUT").ToList();
        var firstJump = input.FindIndex(line => line.Targets(chain));
        var bypasses = input.Take(firstJump < 0 ? 0 : firstJump)
            .Where(line => RuleWords.CouldAccept(line.RuleSpec!, managedPorts))
            .Select(line => line.Text);
        return new KernelChainView(
            ours,
            [.. ours.Where(line => line.Kind == IptablesSaveLineKind.Rule && line.Chain == chain).Select(line => line.RuleSpec!)],
            [.. input.Where(line => line.Targets(chain)).Select(line => line.RuleSpec!)],
            ours.Any(line => line.Kind == IptablesSaveLineKind.Chain),
            [.. bypasses]);
    }

    /// <summary>The agent's own lines: its chain's declaration and rules, and INPUT's jumps to it.</summary>
    internal static bool IsOurs(IptablesSaveLine line, string chain) => line.Kind switch
    {
        IptablesSaveLineKind.Chain => line.Chain == chain,
        IptablesSaveLineKind.Rule => line.Chain == chain || (line.Chain == "INPUT" && line.Targets(chain)),
        _ => false,
    };
}
