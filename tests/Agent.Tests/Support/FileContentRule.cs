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

    public ValueTask<Plan> CheckAsync(CancellationToken cancellationToken)
    {
        if (FailCheck(++Checks) is { } error)
        {
            throw error;
        }

        var current = host.Files.ReadText(path);
        return ValueTask.FromResult(current?.Text == content
            ? Plan.Compliant(name)
            : new Plan(name, [new FileEdit(path, current?.Text, content, "test content")], [.. unitActions], []));
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
