using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// A unit file systemd itself would refuse to load (an unterminated section header), so what
/// the unit runs cannot be known from it. Nothing was changed; retrying cannot help until a
/// person fixes the file.
/// </summary>
public sealed class UnitFileSyntaxException(SettingSource source, string problem)
    : HardeningException($"{source}: {problem}; systemd refuses to load a unit from this file")
{
    public SettingSource Setting { get; } = source;
}
