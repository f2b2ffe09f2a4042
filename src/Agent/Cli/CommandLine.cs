using System.CommandLine;

namespace CloudSharkHardening.Agent.Cli;

/// <summary>Parses the command line and hands a pass to <see cref="OnceCommand"/>; usage errors exit 64.</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        var once = new Option<bool>("--once") { Description = "Run one pass and exit (what to run by hand after an upgrade)" };
        var check = new Option<bool>("--check") { Description = "Change nothing; report drift (exit 2 when there is any)" };
        var diff = new Option<bool>("--diff") { Description = "Show file changes as unified diffs" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout (logs stay on stderr)" };
        var rule = new Option<string[]>("--rule") { Description = "Limit the pass to this rule (repeatable)", Arity = ArgumentArity.OneOrMore };
        var config = new Option<string>("--config") { Description = "Configuration file (default /etc/cloudshark-hardening/hardening.json)" };
        var root = new Option<string>("--root") { Description = "Harden the offline image mounted at this directory; unit actions happen at its next boot" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every step to stderr" };
        var command = new RootCommand("Keeps a CloudShark appliance hardened: memcached and MariaDB off the network, capture storage on its own directory.")
        {
            once, check, diff, json, rule, config, root, verbose,
        };
        command.Subcommands.Add(AuditCommandLine.Create(output, error, time));
        // With a subcommand present, a root without an action fails to parse ("Required command
        // was not provided"); the real action is set below, once the options are known.
        command.SetAction(_ => ExitCodes.Usage);

        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"cloudshark-hardening: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Try 'cloudshark-hardening --help'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var arguments = new OnceArguments(
            parsed.GetValue(check),
            parsed.GetValue(diff),
            parsed.GetValue(json),
            parsed.GetValue(rule) ?? [],
            parsed.GetValue(config),
            parsed.GetValue(root),
            parsed.GetValue(verbose));
        var wantsOnePass = parsed.GetValue(once) || arguments.CheckOnly || arguments.ShowDiff || arguments.Json;
        command.SetAction(async (_, token) =>
        {
            if (wantsOnePass)
            {
                return await new OnceCommand(output, error, time).RunAsync(arguments, token).ConfigureAwait(false);
            }

            if (arguments.Root is not null || arguments.Rules.Count > 0)
            {
                await error.WriteLineAsync("cloudshark-hardening: --root and --rule go with --once or --check; the daemon manages the whole live system").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            await using var daemon = new DaemonCommand(error, time);
            return await daemon.RunAsync(arguments.ConfigPath, arguments.Verbose, token).ConfigureAwait(false);
        });
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }
}
