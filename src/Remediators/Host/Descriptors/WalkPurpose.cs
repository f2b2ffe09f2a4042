namespace CloudSharkHardening.Remediators.Host.Descriptors;

/// <summary>What a walk is for, which decides how strict it is about owners on the way.</summary>
internal enum WalkPurpose
{
    /// <summary>Reading content or changing something: every unsafe ownership step is refused.</summary>
    Act,

    /// <summary>
    /// Only looking (lstat, names, where links lead): unsafe ownership steps pass, so an audit can
    /// still describe a directory that is laid out wrongly. Untrusted links are refused all the same.
    /// </summary>
    Look,
}
