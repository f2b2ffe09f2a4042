namespace CloudSharkHardening.Agent.Configuration;

/// <summary>The optional <c>daemon</c> object of the configuration.</summary>
internal static class DaemonSection
{
    public static DaemonOptions Read(SectionReader top)
    {
        var defaults = DaemonOptions.Default;
        var section = top.Section("daemon");
        if (section is null)
        {
            return defaults;
        }

        var options = new DaemonOptions(
            Seconds(section.Integer("intervalSeconds", 10, 86_400)) ?? defaults.Interval,
            Seconds(section.Integer("jitterSeconds", 0, 3_600)) ?? defaults.Jitter,
            Validate.Path(section, "metricsDirectory", defaults.MetricsDirectory),
            section.Integer("restartsPerUnit", 1, 4) ?? defaults.RestartsPerUnit,
            Seconds(section.Integer("restartWindowSeconds", 10, 3_600)) ?? defaults.RestartWindow);
        section.RejectUnknownKeys();
        return options;
    }

    private static TimeSpan? Seconds(int? value) => value is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
}
