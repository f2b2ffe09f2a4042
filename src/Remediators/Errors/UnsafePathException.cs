namespace CloudSharkHardening.Remediators.Errors;

/// <summary>
/// A path the agent refuses to act through: a symlink it does not trust, or a step from a
/// directory an unprivileged account owns to an object another account owns. Nothing was
/// changed; trying again cannot help until a person looks, so this is never transient.
/// </summary>
public sealed class UnsafePathException(string path, string message) : HardeningException(message)
{
    /// <summary>The appliance path at which the walk stopped.</summary>
    public string Path { get; } = path;
}
