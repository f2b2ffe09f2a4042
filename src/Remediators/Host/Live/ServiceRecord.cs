using System.Collections.Immutable;

namespace CloudSharkHardening.Remediators.Host.Live;

/// <summary>
/// What systemd has loaded for a service: the command it will run and the environment it
/// builds, as its D-Bus properties give them (<c>ExecStart</c>, <c>Environment</c>,
/// <c>EnvironmentFiles</c>), before any <c>$VAR</c> is expanded. The unit files say where each
/// came from; this says what systemd actually took from them.
/// </summary>
/// <param name="ExecStart">Each ExecStart= command's argv, argv[0] first.</param>
/// <param name="Environment">Environment= assignments as "NAME=value", in order.</param>
/// <param name="EnvironmentFiles">EnvironmentFile= paths in order, with whether a missing file is allowed.</param>
/// <param name="Restarts">NRestarts: how often systemd restarted the service by its Restart= setting.</param>
/// <param name="Result">The result of its last run ("success", "exit-code", "signal", ...).</param>
public sealed record ServiceRecord(
    ImmutableArray<ImmutableArray<string>> ExecStart,
    ImmutableArray<string> Environment,
    ImmutableArray<(string Path, bool Optional)> EnvironmentFiles,
    uint Restarts,
    string Result);
