namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>
/// A line the server does not act on: blank, a <c>#</c> or <c>;</c> comment, or a
/// <c>!</c> directive other than <c>!include</c>/<c>!includedir</c>, which the server skips.
/// </summary>
public sealed record TriviaLine(string Text) : OptionFileLine(Text);
