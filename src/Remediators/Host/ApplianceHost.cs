using CloudSharkHardening.Remediators.Host.Live;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>Everything a rule may touch on the appliance, behind one root.</summary>
public sealed class ApplianceHost
{
    public ApplianceHost(RootedFileSystem files, string stateDirectory, TimeProvider time, ILiveSystem? live = null)
    {
        Files = files;
        Time = time;
        Live = live ?? OfflineImage.Instance;
        Accounts = new AccountDatabase(files);
        Backups = new BackupStore(files, stateDirectory, time);
        Writer = new SafeFileWriter(files, Backups);
        Commands = new Processes.CommandRunner(time);
    }

    public RootedFileSystem Files { get; }

    public AccountDatabase Accounts { get; }

    public BackupStore Backups { get; }

    public SafeFileWriter Writer { get; }

    public TimeProvider Time { get; }

    /// <summary>
    /// Runs programs of the machine the agent runs on: only meaningful when <see cref="Live"/>
    /// is running (an offline image's programs are not this machine's).
    /// </summary>
    public Processes.CommandRunner Commands { get; }

    /// <summary>The running system the files configure; <see cref="OfflineImage"/> for an image.</summary>
    public ILiveSystem Live { get; }

    /// <summary>
    /// Carries out a plan's changes in order; the first failure stops the rest of this plan.
    /// Each change checks its precondition before it acts and acts at once (a rename, a load),
    /// so a failing change made nothing (but a chain load whose read-back differs, which no unit
    /// action follows); a failure after others were made says how many were.
    /// </summary>
    /// <exception cref="Errors.PlanIncompleteException">A change failed after the ones before it were made.</exception>
    public async ValueTask ApplyAsync(Plans.Plan plan, CancellationToken cancellationToken)
    {
        var made = 0;
        try
        {
            foreach (var change in plan.Changes)
            {
                await change.ApplyAsync(this, cancellationToken).ConfigureAwait(false);
                made++;
            }
        }
        catch (Exception e) when (made > 0 && e is Errors.HardeningException or IOException or UnauthorizedAccessException)
        {
            throw new Errors.PlanIncompleteException(made, e);
        }
    }
}
