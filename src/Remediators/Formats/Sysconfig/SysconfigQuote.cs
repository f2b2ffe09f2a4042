namespace CloudSharkHardening.Remediators.Formats.Sysconfig;

/// <summary>How a value is written after the <c>=</c>.</summary>
public enum SysconfigQuote
{
    /// <summary><c>KEY=value</c></summary>
    None,

    /// <summary><c>KEY='value'</c></summary>
    SingleQuotes,

    /// <summary><c>KEY="value"</c></summary>
    DoubleQuotes,
}
