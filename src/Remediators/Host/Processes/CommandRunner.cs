using System.Diagnostics;

namespace CloudSharkHardening.Remediators.Host.Processes;

/// <summary>
/// Runs a program with an argument vector, never through a shell, so no value the agent
/// passes can be read as shell syntax; bounded in time, the process tree killed on timeout.
/// </summary>
public sealed class CommandRunner(TimeProvider time)
{
    /// <param name="program">A program name looked up on PATH, or an absolute path.</param>
    /// <param name="arguments">The argument vector; no element is ever read by a shell.</param>
    /// <param name="timeout">After this the process tree is killed and the result says so.</param>
    /// <param name="cancellationToken">Cancels the wait (the process is left to the caller's fate).</param>
    /// <param name="standardInput">Text written to the program's stdin, which is then closed.</param>
    public async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, string? standardInput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(linked.Token);
        var error = process.StandardError.ReadToEndAsync(linked.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            return new CommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return new CommandResult(-1, "", $"{program} gave no answer within {timeout.TotalSeconds:F0} s and was stopped");
        }
    }
}
