using CloudSharkHardening.Agent.Audit;
using CloudSharkHardening.Remediators.Audit;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Agent.Tests.Audit;

public sealed class AuditRunnerTests
{
    [Fact]
    public async Task Run_ACheckThatCannotLook_BecomesAFindingAndTheOthersStillRun()
    {
        var checks = new IAuditCheck[]
        {
            new Fixed("first", [new Finding("b.low", Severity.Low, "b", [], "fix", [])]),
            new Throwing("broken", new HardeningException("/proc/net/tcp: does not exist; is /proc mounted?")),
            new Fixed("last", [new Finding("a.high", Severity.High, "a", [], "fix", []), new Finding("a.low", Severity.Low, "a", [], "fix", [])]),
        };

        var report = await AuditRunner.RunAsync(checks, ["nothing"], CancellationToken.None);

        Assert.Equal(["a.high", "a.low", "audit.failed.broken", "b.low"], report.Findings.Select(f => f.Id));
        Assert.Equal(["/proc/net/tcp: does not exist; is /proc mounted?"], report.Findings[2].Evidence);
        Assert.Equal("1 high, 3 low", report.Counts());
    }

    [Fact]
    public async Task Run_ProgrammingErrors_AreNotSwallowed()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => AuditRunner.RunAsync([new Throwing("bug", new InvalidOperationException("bug"))], [], CancellationToken.None));
    }

    private sealed class Fixed(string name, IReadOnlyList<Finding> findings) : IAuditCheck
    {
        public string Name => name;

        public Task<IReadOnlyList<Finding>> RunAsync(CancellationToken cancellationToken) => Task.FromResult(findings);
    }

    private sealed class Throwing(string name, Exception exception) : IAuditCheck
    {
        public string Name => name;

        public Task<IReadOnlyList<Finding>> RunAsync(CancellationToken cancellationToken) => Task.FromException<IReadOnlyList<Finding>>(exception);
    }
}
