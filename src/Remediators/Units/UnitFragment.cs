namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// Where a unit name leads: the unit's own name after following aliases, its fragment file
/// (<c>null</c> when none), and whether it is masked.
/// </summary>
internal sealed record UnitFragment(string Id, string? Path, bool IsMasked);
