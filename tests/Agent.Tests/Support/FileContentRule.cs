using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;
using CloudSharkHardening.Remediators.Rules;

namespace CloudSharkHardening.Agent.Tests.Support;

/// <summary>
/// A real, minimal rule for engine tests: a file must hold given text, and a changed file
/// needs the given unit actions. Hooks let a test make check or apply misbehave.
/// </summary>
internal sealed class FileContentRule(string name, ApplianceHost host, string path, string content, params UnitAction[] unitActions) : IRule
{
    public string Name => name;

    public IReadOnlyList<WatchedPath> WatchedPaths => [new(path, WatchScope.Node)];

    public IReadOnlyList<string> WatchedUnits => unitActions.Where(a => a.Kind == UnitActionKind.Restart).Select(a => a.Unit).ToList();

    public int Checks { get; private set; }

    public int Applies { get; private set; }

    public Func<int, Exception?> FailCheck { get; set; } = _ => null;

    public Func<int, Exception?> FailApply { get; set; } = _ => null;

    /// <summary>Runs just before the plan is carried out (to inspect or disturb the host).</summary>
    public Action? BeforeApply { get; set; }

    /// <summary>When false, apply writes something else: the rule never converges.</summary>
    public bool ApplyIsCorrect { get; set; } = true;

    /// <summary>A second file the same plan edits after the first, so a plan can fail part-way.</summary>
    public (string Path, string Content)? Then { get; init; }

    public ValueTask<Plan> CheckAsync(CancellationToken cancellationToken)
    {
        if (FailCheck(++Checks) is { } error)
        {
            throw error;
        }

        List<(string Path, string Content)> wanted = Then is { } then ? [(path, content), then] : [(path, content)];
        var edits = wanted
            .Select(file => (file, current: host.Files.ReadText(file.Path)?.Text))
            .Where(f => f.current != f.file.Content)
            .Select(f => new FileEdit(f.file.Path, f.current, f.file.Content, "test content"))
            .ToList();
        return ValueTask.FromResult(edits.Count == 0 ? Plan.Compliant(name) : new Plan(name, [.. edits], [.. unitActions], []));
    }

    public async ValueTask ApplyAsync(Plan plan, CancellationToken cancellationToken)
    {
        if (FailApply(++Applies) is { } error)
        {
            throw error;
        }

        BeforeApply?.Invoke();
        var effective = ApplyIsCorrect ? plan : plan with { Changes = [.. plan.Changes.Cast<FileEdit>().Select(e => e with { After = e.After + "wrong\n" })] };
        await host.ApplyAsync(effective, cancellationToken);
    }

    public static HardeningException Transient() => new("simulated transient fault", isTransient: true);

    public static HardeningException Terminal(string message) => new(message);
}
