namespace CloudSharkHardening.Remediators.Errors;

/// <summary>
/// The kernel's copy of the agent's chain (or the jump to it) no longer holds what the check
/// read: another program changed it in between. Nothing was loaded; a fresh check and apply
/// may succeed, so this is transient.
/// </summary>
public sealed class ChainChangedSinceCheckException(string chain)
    : HardeningException($"{chain} changed in the kernel between check and apply; nothing was loaded", isTransient: true)
{
    public string Chain { get; } = chain;
}
