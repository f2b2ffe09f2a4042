namespace CloudSharkHardening.Remediators.Units;

/// <summary>How a word reached the command line.</summary>
public enum WordOrigin
{
    /// <summary>Written on the <c>ExecStart=</c> line itself.</summary>
    ExecStart,

    /// <summary>Substituted from a variable an <c>Environment=</c> line set.</summary>
    Environment,

    /// <summary>Substituted from a variable an <c>EnvironmentFile=</c> file set.</summary>
    EnvironmentFile,
}
