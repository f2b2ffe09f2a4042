using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats.IptablesSave;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Rules.Firewall;

/// <summary>
/// Puts the agent's chain into a saved rules file, touching only the agent's own lines: the
/// chain's declaration, its rules and INPUT's jump to it. Each stays where it was, the jump
/// only while it is INPUT's first rule, so that at boot every packet meets the chain before
/// anyone's ACCEPT; one that is missing or out of place goes where iptables-save would print
/// it (the declaration after the other chains, the jump first in INPUT, the rules at the end
/// of the table). Every other line,
/// comments and blank lines included, is kept byte for byte. A line is the agent's by the
/// chain it is in or the target it jumps to, as iptables-restore reads them; what a comment
/// says makes no rule the agent's.
/// </summary>
public static class SavedRulesEditor
{
    /// <summary>The file with <paramref name="chain"/> in place; the same text when it already was.</summary>
    /// <exception cref="UnsupportedFileException">The file's filter table is not one block the agent can edit safely.</exception>
    public static string Apply(TextFile file, ManagedChain chain)
    {
        var saved = IptablesSaveFile.Parse(file.Text);
        var lines = saved.Lines;
        if (saved.QuoteAcrossLines is { } broken)
        {
            throw new UnsupportedFileException(file.Path, $"line {lines.IndexOf(broken) + 1} opens a quote it does not close (a comment with a line break?), so the lines after it may not be what they look like: {broken.Text}");
        }

        var starts = Enumerable.Range(0, lines.Length).Where(i => lines[i].Kind == IptablesSaveLineKind.Table && lines[i].Table == ManagedChain.Table).ToList();
        if (starts.Count == 0)
        {
            return saved.WithLines([.. lines, IptablesSaveLine.Parse("*" + ManagedChain.Table, null), .. chain.Lines(), IptablesSaveLine.Parse("COMMIT", ManagedChain.Table)]).Render();
        }

        if (starts.Count > 1)
        {
            throw new UnsupportedFileException(file.Path, $"holds {starts.Count} *filter tables (lines {string.Join(", ", starts.Select(i => i + 1))}); iptables-restore would apply only the last");
        }

        var start = starts[0];
        var end = Enumerable.Range(start + 1, lines.Length - start - 1).FirstOrDefault(i => lines[i].Kind is IptablesSaveLineKind.Commit or IptablesSaveLineKind.Table, -1);
        if (end < 0 || lines[end].Kind != IptablesSaveLineKind.Commit)
        {
            throw new UnsupportedFileException(file.Path, $"the *filter table at line {start + 1} has no COMMIT; iptables-restore would apply none of it");
        }

        var block = lines.Skip(start + 1).Take(end - start - 1).ToList();
        if (block.FirstOrDefault(line => line.Kind == IptablesSaveLineKind.Other && Mentions(line, chain.Name)) is { } strange)
        {
            throw new UnsupportedFileException(file.Path, $"line {lines.IndexOf(strange) + 1} changes {chain.Name} in a way the agent never writes: {strange.Text}");
        }

        var edited = Place(block, chain);
        return saved.WithLines([.. lines.Take(start + 1), .. edited, .. lines.Skip(end)]).Render();
    }

    /// <summary>The table's lines with the agent's lines replaced in place and missing ones inserted.</summary>
    private static List<IptablesSaveLine> Place(List<IptablesSaveLine> block, ManagedChain chain)
    {
        var wanted = chain.Lines().ToList();
        var (declaration, jump, rules) = (wanted[0], wanted[1], wanted.Skip(2).ToList());
        var result = new List<IptablesSaveLine>();
        bool declared = false, jumped = false, ruled = false;
        var firstJump = block.FindIndex(line => IsInput(line) && KernelChainView.IsOurs(line, chain.Name));
        var firstOther = block.FindIndex(line => IsInput(line) && !KernelChainView.IsOurs(line, chain.Name));
        var jumpInPlace = firstJump >= 0 && (firstOther < 0 || firstJump < firstOther);
        foreach (var line in block)
        {
            if (!KernelChainView.IsOurs(line, chain.Name))
            {
                result.Add(line);
            }
            else if (line.Kind == IptablesSaveLineKind.Chain)
            {
                AddOnce(result, declaration, ref declared);
            }
            else if (line.Chain == chain.Name)
            {
                AddOnce(result, rules, ref ruled);
            }
            else if (jumpInPlace)
            {
                AddOnce(result, jump, ref jumped);
            }
        }

        if (!declared)
        {
            result.Insert(result.FindLastIndex(line => line.Kind == IptablesSaveLineKind.Chain) + 1, declaration);
        }

        if (!jumped)
        {
            var firstInput = result.FindIndex(IsInput);
            var firstRule = result.FindIndex(line => line.Kind == IptablesSaveLineKind.Rule);
            result.Insert(firstInput >= 0 ? firstInput : firstRule >= 0 ? firstRule : result.Count, jump);
        }

        if (!ruled)
        {
            result.AddRange(rules);
        }

        return result;
    }

    private static bool IsInput(IptablesSaveLine line) => line.Kind == IptablesSaveLineKind.Rule && line.Chain == "INPUT";

    // A second copy of any of the agent's lines is dropped: it is the agent's own, and the chain is written whole once.
    private static void AddOnce(List<IptablesSaveLine> result, IptablesSaveLine line, ref bool done) =>
        AddOnce(result, [line], ref done);

    private static void AddOnce(List<IptablesSaveLine> result, List<IptablesSaveLine> lines, ref bool done)
    {
        if (!done)
        {
            result.AddRange(lines);
            done = true;
        }
    }

    /// <summary>
    /// True when a command iptables-save never prints (<c>-I</c>, <c>-N</c>, <c>-E</c>, <c>-X</c>, ...)
    /// names the chain among its operands or sends packets to it; an argument that merely holds
    /// the name, such as a comment, does not count.
    /// </summary>
    private static bool Mentions(IptablesSaveLine line, string chain)
    {
        var words = IptablesWords.Split(line.Text).Words;
        var operands = words.Skip(1).TakeWhile(word => !word.IsOption && !word.IsNegation).Count();
        return words.Skip(1).Take(operands).Any(word => word.Value == chain) || RuleSpec.Read(words, 1 + operands).SendsTo(chain);
    }
}
