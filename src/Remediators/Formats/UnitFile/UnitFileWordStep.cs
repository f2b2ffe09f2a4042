namespace CloudSharkHardening.Remediators.Formats.UnitFile;

/// <summary>What one read of <see cref="UnitFileWordReader"/> found.</summary>
public enum UnitFileWordStep
{
    /// <summary>A word (possibly empty, as <c>""</c> is).</summary>
    Word,

    /// <summary>Nothing but separators remained.</summary>
    End,

    /// <summary>Syntax systemd rejects: an unbalanced quote, a trailing backslash, an unknown escape.</summary>
    Invalid,
}
