namespace CloudSharkHardening.Remediators.Host.Descriptors;

/// <summary>
/// Where a walk ended: the directory holding the last component, held open, and that
/// component's name. <see cref="Parent"/> is <c>null</c> when a directory on the way does not
/// exist; <see cref="Path"/> then keeps the missing part as it was written.
/// </summary>
internal sealed class WalkedPath(DirectoryHandle? parent, string name, string path) : IDisposable
{
    public DirectoryHandle? Parent { get; } = parent;

    /// <summary>The last component ("" for the root itself).</summary>
    public string Name { get; } = name;

    /// <summary>The appliance path reached, with every followed link resolved.</summary>
    public string Path { get; } = path;

    public DirectoryHandle RequireParent() =>
        Parent ?? throw new Errors.HardeningException($"{AppliancePath.Parent(Path)} does not exist");

    public void Dispose() => Parent?.Dispose();
}
