using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Formats;
using CloudSharkHardening.Remediators.Formats.OptionFile;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Remediators.Rules.MariaDb;

/// <summary>
/// Works out, on a working copy of the option files, the smallest set of line edits that
/// makes <c>skip-networking</c> effective: seed it in <c>[mysqld]</c>, then comment out each
/// later line that would still switch networking back on.
/// </summary>
internal sealed class SkipNetworkingPlanner
{
    private const string MysqldGroup = MysqldSectionEdit.MysqldGroup;
    private const string SkipNetworking = MysqldSectionEdit.SkipNetworking;

    private readonly Dictionary<string, List<string>> _reasons = new(StringComparer.Ordinal);
    private OptionFileChain _chain;

    private SkipNetworkingPlanner(OptionFileChain chain) => _chain = chain;

    /// <summary>One <see cref="FileEdit"/> per file that must change.</summary>
    public static ImmutableArray<FileEdit> Plan(OptionFileChain chain, string seedFile)
    {
        var planner = new SkipNetworkingPlanner(chain);
        planner.Seed(seedFile);
        planner.NeutraliseLaterNegations();
        return [.. planner._chain.ChangedFiles.Select(file => new FileEdit(
            file.Path,
            file.OriginalText,
            file.Document!.Render(),
            string.Join("; ", planner._reasons[file.Path])))];
    }

    private void Seed(string seedFile)
    {
        var seed = _chain.File(seedFile);
        var (document, line) = MysqldSectionEdit.Apply(seed.Document, seed.Path);
        _chain = _chain.WithDocument(document);
        if (seed.Document is null)
        {
            Explain(seed.Path, $"create it with [{MysqldGroup}] {SkipNetworking}");
        }
        else if (document.Render() != seed.Document.Render())
        {
            Explain(seed.Path, $"make the first [{MysqldGroup}] section say {SkipNetworking} (line {line + 1})");
        }

        if (!_chain.Options.Any(option => option.File == seed.Path && option.LineIndex == line))
        {
            throw new HardeningException(
                $"{seed.Path} is not read by the server through {string.Join(", ", _chain.StartFiles)}, so {SkipNetworking} there would not take effect; check the rule's option files");
        }
    }

    /// <summary>
    /// Our line is read, so whatever still decides "off" is read after it. Each round comments
    /// out the deciding line; every round removes one negation, so this ends.
    /// </summary>
    private void NeutraliseLaterNegations()
    {
        for (var verdict = Evaluate(_chain); !verdict.IsOn; verdict = Evaluate(_chain))
        {
            var decider = verdict.DecidedBy
                ?? throw new HardeningException($"{SkipNetworking} is still off after the edit and no line decides it; nothing was changed");
            var file = _chain.File(decider.File);
            var document = file.Document!.ReplaceLine(decider.LineIndex, NeutralisedLine.Comment(decider.Line.Text, MysqldSectionEdit.NeutraliseWhy));
            _chain = _chain.WithDocument(document);
            Explain(file.Path, $"comment out line {decider.LineIndex + 1} '{decider.Line.Text.Trim()}', which re-enables TCP networking");
        }
    }

    internal static BooleanOptionVerdict Evaluate(OptionFileChain chain) =>
        EffectiveOptions.Boolean(chain, SkipNetworking, serverDefault: false);

    private void Explain(string path, string reason)
    {
        if (!_reasons.TryGetValue(path, out var reasons))
        {
            _reasons[path] = reasons = [];
        }

        reasons.Add(reason);
    }
}
