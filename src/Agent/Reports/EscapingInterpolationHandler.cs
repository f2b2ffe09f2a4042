using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CloudSharkHardening.Agent.Reports;

/// <summary>
/// Builds an interpolated line into a <see cref="StringBuilder"/>, passing each hole through
/// <see cref="TerminalText.Escape"/> before it is aligned, and formatting invariantly: a
/// writer cannot forget to escape one value among many.
/// </summary>
[InterpolatedStringHandler]
public readonly ref struct EscapingInterpolationHandler
{
    private readonly StringBuilder _builder;

    public EscapingInterpolationHandler(int literalLength, int formattedCount, StringBuilder builder)
    {
        _ = literalLength;
        _ = formattedCount;
        _builder = builder;
    }

    public void AppendLiteral(string value) => _builder.Append(value);

    public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        var text = TerminalText.Escape(value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString());
        _builder.Append(alignment < 0 ? text.PadRight(-alignment) : text.PadLeft(alignment));
    }
}
