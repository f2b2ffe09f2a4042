using CloudSharkHardening.Agent.Cli;

return await CommandLine.RunAsync(args, Console.Out, Console.Error, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
