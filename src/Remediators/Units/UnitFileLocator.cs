using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// Finds the files systemd reads for a system unit, from the files themselves, so the answer
/// holds for an offline image and for the running system's next boot alike. Every path is
/// reached through <see cref="RootedFileSystem"/>: a link it refuses to follow stops the
/// search with an <see cref="Errors.UnsafePathException"/>. For several questions in one
/// pass, <see cref="UnitSearch"/> reads the search path once.
/// </summary>
public static class UnitFileLocator
{
    /// <summary>
    /// The fragment and drop-ins of <paramref name="unit"/> in systemd's search order (see
    /// <see cref="UnitSearchPath"/> and <see cref="DropInFiles"/>). An instance without a file
    /// of its own uses its template's. A fragment that is a symlink to <c>/dev/null</c>, or an
    /// empty file, means masked; a symlink to another unit file in a search directory (an
    /// alias) is followed by name. An invalid unit name throws a <see cref="Errors.HardeningException"/>.
    /// </summary>
    public static UnitFileSet Locate(RootedFileSystem files, string unit) => new UnitSearch(files).Locate(unit);

    /// <summary>Every unit name ending in <paramref name="suffix"/> (e.g. ".socket") in the search directories, sorted.</summary>
    public static ImmutableArray<string> UnitNames(RootedFileSystem files, string suffix) => new UnitSearch(files).UnitNames(suffix);
}
