namespace CloudSharkHardening.Remediators.Formats.IptablesSave;

/// <summary>
/// One word of an iptables-save line, as iptables-restore splits it: its value with quotes and
/// escapes removed, whether any of it was quoted, and where it stands in the line.
/// </summary>
/// <param name="Value">The word as iptables receives it: <c>"ssh \"admin\""</c> reads <c>ssh "admin"</c>.</param>
/// <param name="Quoted">True when the word was written in double quotes, which only an argument is.</param>
/// <param name="Start">The index of the word's first character in the line.</param>
/// <param name="End">The index just past the word's last character (its closing quote included).</param>
public readonly record struct IptablesWord(string Value, bool Quoted, int Start, int End)
{
    /// <summary>
    /// An option name such as <c>-p</c> or <c>--dport</c>. iptables-save writes option names bare;
    /// a quoted word is always an argument, and <c>-1</c> is a number, not an option.
    /// </summary>
    public bool IsOption => !Quoted && Value.Length > 1 && Value[0] == '-' && !char.IsAsciiDigit(Value[1]);

    /// <summary>A bare <c>!</c>: the option next to it is negated.</summary>
    public bool IsNegation => !Quoted && Value == "!";
}
