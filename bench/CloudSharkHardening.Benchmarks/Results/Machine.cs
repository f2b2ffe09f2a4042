using System.Runtime.InteropServices;

namespace CloudSharkHardening.Benchmarks.Results;

/// <summary>The machine the figures came from, read from /proc and the runtime.</summary>
public sealed record Machine(int Cores, string Cpu, string Memory, string Kernel, string Os, string DotNet, string Date)
{
    public static Machine Read(TimeProvider time) => new(
        Environment.ProcessorCount,
        Field("/proc/cpuinfo", "model name", ':') ?? "unknown",
        Field("/proc/meminfo", "MemTotal", ':') is { } kib && long.TryParse(kib.Split(' ')[0], out var k) ? $"{k / 1024.0 / 1024.0:F1} GiB" : "unknown",
        ReadTrimmed("/proc/sys/kernel/osrelease") ?? "unknown",
        Field("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? "unknown",
        RuntimeInformation.FrameworkDescription,
        time.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));

    public static string LoadAverage() => ReadTrimmed("/proc/loadavg") is { } load ? string.Join(' ', load.Split(' ').Take(3)) : "unknown";

    public override string ToString() => $"{Cores} cores ({Cpu}), {Memory} RAM, Linux {Kernel}, {Os}, {DotNet}, {Date}";

    private static string? Field(string path, string key, char separator) =>
        File.Exists(path)
            ? File.ReadLines(path).Select(line => line.Split(separator, 2)).FirstOrDefault(parts => parts.Length == 2 && parts[0].Trim() == key)?[1].Trim()
            : null;

    private static string? ReadTrimmed(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
