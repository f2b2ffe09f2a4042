namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// One line of a MariaDB option file. <see cref="Text"/> is the line exactly as read,
/// without its newline; rendering a document writes it back unchanged.
/// </summary>
public abstract record OptionFileLine(string Text);
