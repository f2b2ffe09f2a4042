namespace CloudSharkHardening.Remediators.Errors;

/// <summary>
/// A plan stopped part-way: its first <see cref="ChangesMade"/> changes were carried out
/// before the next one failed (the inner exception, whose message and transience this keeps).
/// Those changes are on the host, so what they need (a restart) is owed; a failure that
/// comes as any other exception stopped the plan before its first change.
/// </summary>
public sealed class PlanIncompleteException(int changesMade, Exception failure)
    : HardeningException(failure.Message, failure is HardeningException { IsTransient: true }, failure)
{
    public int ChangesMade { get; } = changesMade;
}
