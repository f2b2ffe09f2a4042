using System.Globalization;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Agent.Engine;

/// <summary>
/// Puts back the files a plan changed, when the service they configure would not start
/// with them. Each file gets exactly the text the check read (the same bytes the backup
/// holds); a file the plan created is renamed aside, never deleted.
/// </summary>
public sealed class PlanRollback(ApplianceHost host)
{
    /// <summary>Reverts every file edit of <paramref name="plan"/>; returns what was done, one line each.</summary>
    public async Task<IReadOnlyList<string>> RevertAsync(Plan plan, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        foreach (var edit in plan.Changes.OfType<FileEdit>().Reverse())
        {
            if (edit.Before is null)
            {
                var aside = $"{edit.Path}.cloudshark-hardening-rejected.{host.Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
                host.Files.RenameNoReplace(edit.Path, aside);
                done.Add($"moved the created {edit.Path} aside to {aside}");
            }
            else
            {
                await host.Writer.ReplaceAsync(edit.Path, edit.After, edit.Before, edit.NewFileMode, cancellationToken).ConfigureAwait(false);
                done.Add($"restored {edit.Path}");
            }
        }

        return done;
    }
}
