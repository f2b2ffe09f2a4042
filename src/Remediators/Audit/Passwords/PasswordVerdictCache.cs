using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudSharkHardening.Remediators.Errors;
using CloudSharkHardening.Remediators.Host;

namespace CloudSharkHardening.Remediators.Audit.Passwords;

/// <summary>
/// Whether a shadow hash matches a password, remembered by a fingerprint of the two. The
/// answer depends on nothing else (the hash field holds method, cost, salt and digest), so a
/// remembered answer is never stale: a changed password is a new hash and a new fingerprint.
/// It spares every pass the hashing itself, which for yescrypt costs about 20 ms and 16 MiB
/// of memory by design: most of a compliant <c>--once</c>'s peak memory.
/// </summary>
/// <remarks>
/// The file holds SHA-256 digests of hash fields, never a hash: without the salt a digest
/// cannot test a guessed password, so it tells a reader of the root-only state directory
/// nothing /etc/shadow would not.
/// </remarks>
/// <param name="host">The appliance whose state directory keeps the file.</param>
/// <param name="stateDirectory">The agent's state directory on the appliance.</param>
/// <param name="save">False for <c>--check</c>, which writes nothing: answers are used, not kept.</param>
public sealed class PasswordVerdictCache(ApplianceHost host, string stateDirectory, bool save)
{
    private readonly Dictionary<string, bool> _verdicts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private bool _loaded;
    private bool _learned;

    private string Path => AppliancePath.Combine(stateDirectory, "password-verdicts.json");

    /// <summary>
    /// The remembered answer to "does <paramref name="phrase"/> hash to <paramref name="hashField"/>",
    /// or else <paramref name="judge"/>'s, then remembered.
    /// </summary>
    public bool Matches(string phrase, string hashField, Func<string, string, bool> judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        Load();
        var fingerprint = Fingerprint(phrase, hashField);
        _used.Add(fingerprint);
        if (_verdicts.TryGetValue(fingerprint, out var known))
        {
            return known;
        }

        var verdict = judge(phrase, hashField);
        _verdicts[fingerprint] = verdict;
        _learned = true;
        return verdict;
    }

    /// <summary>Keeps the answers this run used, when it learned any; the ones for hashes no longer in use go.</summary>
    public void Save()
    {
        if (!save || !_learned)
        {
            return;
        }

        var kept = _verdicts.Where(v => _used.Contains(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new PasswordVerdict(v.Key, v.Value)).ToList();
        host.Writer.WriteStateFile(Path, JsonSerializer.Serialize(kept, PasswordVerdictJsonContext.Default.ListPasswordVerdict) + "\n");
    }

    private void Load()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        try
        {
            if (host.Files.ReadText(Path) is { } file && JsonSerializer.Deserialize(file.Text, PasswordVerdictJsonContext.Default.ListPasswordVerdict) is { } stored)
            {
                foreach (var verdict in stored.Where(v => v.Fingerprint is { Length: 64 }))
                {
                    _verdicts[verdict.Fingerprint] = verdict.MatchesShipped;
                }
            }
        }
        catch (Exception e) when (e is JsonException or HardeningException)
        {
            // Unreadable: every hash is judged again, and the file rewritten.
        }
    }

    private static string Fingerprint(string phrase, string hashField) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{phrase}\n{hashField}")));
}

/// <summary>One remembered answer in <c>password-verdicts.json</c>.</summary>
internal sealed record PasswordVerdict(string Fingerprint, bool MatchesShipped);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<PasswordVerdict>))]
internal sealed partial class PasswordVerdictJsonContext : JsonSerializerContext;
