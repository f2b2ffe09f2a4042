namespace CloudSharkHardening.Remediators.Formats.Sysconfig;

/// <summary>What systemd makes of one entry of an environment file.</summary>
public enum SysconfigLineKind
{
    /// <summary>Nothing but spaces or tabs.</summary>
    Blank,

    /// <summary>First non-blank character is <c>#</c> or <c>;</c>.</summary>
    Comment,

    /// <summary><c>KEY=value</c>, possibly continued over several physical lines.</summary>
    Assignment,

    /// <summary>Text without <c>=</c>, which systemd skips.</summary>
    Ignored,
}
