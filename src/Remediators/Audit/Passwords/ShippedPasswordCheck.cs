using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Audit.Passwords;

/// <summary>
/// Accounts that still log in with the password CloudShark ships, checked against
/// <c>/etc/shadow</c> with the system's own crypt(3). Only account names, line numbers and
/// hash method names ever leave this class: never a hash, never the password.
/// </summary>
/// <param name="files">The appliance's files.</param>
/// <param name="accounts">The accounts to check.</param>
/// <param name="verdicts">Answers remembered from earlier runs, or null to hash every time.</param>
public sealed class ShippedPasswordCheck(RootedFileSystem files, IReadOnlyList<string> accounts, PasswordVerdictCache? verdicts = null) : IAuditCheck
{
    /// <summary>The password a CloudShark appliance ships with for its <c>cloudshark</c> account.</summary>
    internal const string ShippedPassword = "cloudshark";

    private const string ShadowPath = "/etc/shadow";

    public string Name => "passwords";

    public Task<IReadOnlyList<Finding>> RunAsync(CancellationToken cancellationToken)
    {
        var text = files.ReadText(ShadowPath)
            ?? throw new HardeningException($"{ShadowPath} does not exist, so no password can be checked");
        var shadow = ShadowFile.Parse(text.Text);
        var findings = new List<Finding>();
        foreach (var account in accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Judge(shadow, account) is { } finding)
            {
                findings.Add(finding);
            }
        }

        verdicts?.Save();
        return Task.FromResult<IReadOnlyList<Finding>>(findings);
    }

    private Finding? Judge(ShadowFile shadow, string account)
    {
        var entry = shadow.Find(account);
        if (entry is null)
        {
            // No such account is nothing to report, unless it may hide on a line glibc skips.
            return shadow.MalformedLines.Count == 0 ? null : Unverifiable(account, $"{ShadowPath} has no valid entry for {account}, and lines {string.Join(", ", shadow.MalformedLines)} are malformed");
        }

        switch (entry.Kind)
        {
            case PasswordKind.Empty:
                return new Finding(
                    $"password.empty.{account}",
                    SeverityFor(account),
                    $"The {account} account has no password",
                    [$"{entry}: the password field is empty"],
                    $"Set a password with 'passwd {account}', or lock the account with 'usermod -L {account}'.",
                    [BenchmarkReferences.LynisAccountsWithoutPassword]);
            case PasswordKind.Hashed:
                bool matches;
                try
                {
                    matches = verdicts is null
                        ? SystemCrypt.Matches(ShippedPassword, entry.PasswordField)
                        : verdicts.Matches(ShippedPassword, entry.PasswordField, SystemCrypt.Matches);
                }
                catch (HardeningException e)
                {
                    return Unverifiable(account, $"{entry}: {e.Message}");
                }

                return matches ? Shipped(account, entry) : null;
            default:
                return null; // locked, or no password can match
        }
    }

    private static Finding Shipped(string account, ShadowEntry entry) => new(
        $"password.shipped.{account}",
        SeverityFor(account),
        $"The {account} account still accepts the password CloudShark ships with",
        [$"{entry}: its {entry.HashMethod} hash matches the shipped password"],
        $"Change it now with 'passwd {account}' (or lock password logins with 'usermod -L {account}'); the agent never changes passwords.",
        [BenchmarkReferences.DefaultCredentials]);

    private static Finding Unverifiable(string account, string why) => new(
        $"password.unknown.{account}",
        Severity.Low,
        $"Whether the {account} account accepts the shipped password could not be checked",
        [why],
        $"Check by hand that '{account}' does not use the shipped password, and repair {ShadowPath} with 'pwck'.",
        [BenchmarkReferences.DefaultCredentials]);

    private static Severity SeverityFor(string account) => account == "root" ? Severity.Critical : Severity.High;
}
