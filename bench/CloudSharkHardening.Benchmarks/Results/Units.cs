using System.Globalization;

namespace CloudSharkHardening.Benchmarks.Results;

/// <summary>Converts and prints the units figures come in.</summary>
public static class Units
{
    public static double Convert(double value, string from, string to) => (from, to) switch
    {
        _ when from == to => value,
        ("ns", "ms") => value / 1e6,
        ("KiB", "MiB") => value / 1024,
        _ => throw new ArgumentException($"cannot convert {from} to {to}"),
    };

    /// <summary>A value as a person reads it: times in the unit that keeps 3 significant digits.</summary>
    public static string Display(double value, string unit) => unit switch
    {
        "ns" when value < 1e3 => Format(value, "ns"),
        "ns" when value < 1e6 => Format(value / 1e3, "µs"),
        "ns" => Format(value / 1e6, "ms"),
        "ms" when value >= 1e4 => Format(value / 1e3, "s"),
        "ratio" => string.Create(CultureInfo.InvariantCulture, $"×{value:0.0#}"),
        "count" => value.ToString("0", CultureInfo.InvariantCulture),
        _ => Format(value, unit),
    };

    private static string Format(double value, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{(value >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value >= 10 ? value.ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("0.00", CultureInfo.InvariantCulture))} {unit}");
}
