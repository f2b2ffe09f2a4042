namespace CloudSharkHardening.Agent.Reports;

/// <summary>
/// A unit action of the pass. <see cref="Result"/>: <c>done</c>, <c>at-next-boot</c>,
/// <c>pending</c> (kept on disk for the next run), <c>failed</c>, or <c>planned</c> (with --check).
/// <see cref="Reason"/>: <c>changes</c> (this pass changed its files), <c>owed</c> (an earlier
/// run changed them and did not finish), <c>rollback</c> (the previous files were put back).
/// </summary>
public sealed record UnitActionReport(string Action, string Unit, string Result, string Message, string Reason);
