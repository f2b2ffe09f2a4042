using Microsoft.Extensions.Logging;

namespace CloudSharkHardening.Agent.Logging;

/// <summary>The engine's log events; ids are stable so journal queries keep working.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Pass {RunId} started ({Mode})")]
    public static partial void PassStarted(ILogger logger, string runId, string mode);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{Rule}: compliant")]
    public static partial void RuleCompliant(ILogger logger, string rule);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Rule}: drift, {Count} change(s) needed")]
    public static partial void RuleDrift(ILogger logger, string rule, int count);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "{Rule}: {Change}")]
    public static partial void ChangeApplied(ILogger logger, string rule, CloudSharkHardening.Remediators.Plans.Change change);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "{Rule}: failed: {Error}")]
    public static partial void RuleFailed(ILogger logger, string rule, string error);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "{Rule}: did not converge after apply: {Remaining}")]
    public static partial void RuleDidNotConverge(ILogger logger, string rule, string remaining);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Recorded unit actions owed before changing files: {Actions}")]
    public static partial void IntentsRecorded(ILogger logger, IEnumerable<CloudSharkHardening.Remediators.Plans.UnitAction> actions);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{Action} {Unit}: {Outcome}")]
    public static partial void UnitActionSettled(ILogger logger, string action, string unit, string outcome);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "{Action} {Unit} not done, kept for the next run: {Outcome}")]
    public static partial void UnitActionOwed(ILogger logger, string action, string unit, string outcome);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Finishing unit actions an earlier run left owed: {Actions}")]
    public static partial void LeftoverIntents(ILogger logger, IEnumerable<CloudSharkHardening.Remediators.Plans.UnitAction> actions);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "{Rule}: {Unit} did not come back; rolled back: {Restored}")]
    public static partial void RolledBack(ILogger logger, string rule, string unit, string restored);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "{Rule}: its apply changed nothing, so {Actions} no longer owed")]
    public static partial void IntentsWithdrawn(ILogger logger, string rule, IEnumerable<CloudSharkHardening.Remediators.Plans.UnitAction> actions);

    [LoggerMessage(EventId = 1199, Level = LogLevel.Information, Message = "Pass {RunId} finished in {DurationMs:F0} ms, exit code {ExitCode}")]
    public static partial void PassFinished(ILogger logger, string runId, double durationMs, int exitCode);
}
