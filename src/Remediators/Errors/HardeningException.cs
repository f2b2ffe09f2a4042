namespace CloudSharkHardening.Remediators.Errors;

/// <summary>
/// A failure a rule reports. <see cref="IsTransient"/> says whether trying again can help;
/// the engine retries only transient failures.
/// </summary>
public class HardeningException : Exception
{
    public HardeningException(string message, bool isTransient = false, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    public bool IsTransient { get; }
}
