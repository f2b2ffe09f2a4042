using System.Text.Json;
using CloudSharkHardening.Remediators.Host;
using CloudSharkHardening.Remediators.Plans;

namespace CloudSharkHardening.Agent.Engine;

/// <summary>
/// Unit actions owed to the system, kept on disk from before the first file changes until
/// systemd has carried them out. A run that dies in between leaves them here, and the next
/// run finishes them: a restart is never lost.
/// </summary>
public sealed class RestartIntentStore(RootedFileSystem files, SafeFileWriter writer, string stateDirectory)
{
    public string FilePath => AppliancePath.Combine(stateDirectory, "pending-unit-actions.json");

    public IReadOnlyList<UnitAction> Load()
    {
        var file = files.ReadText(FilePath);
        if (file is null)
        {
            return [];
        }

        try
        {
            var stored = JsonSerializer.Deserialize(file.Text, EngineJsonContext.Default.ListStoredUnitAction) ?? [];
            return stored.Select(s => new UnitAction(s.Kind, s.Unit)).Distinct().ToList();
        }
        catch (JsonException e)
        {
            // A damaged file may hide an owed restart: refuse to guess, name the file.
            throw new Remediators.Errors.HardeningException($"{FilePath} is damaged ({e.Message}); remove it after checking the services by hand");
        }
    }

    public void Save(IEnumerable<UnitAction> actions)
    {
        var stored = actions.Distinct().Select(a => new StoredUnitAction(a.Kind, a.Unit)).ToList();
        if (stored.Count == 0)
        {
            Clear();
            return;
        }

        writer.WriteStateFile(FilePath, JsonSerializer.Serialize(stored, EngineJsonContext.Default.ListStoredUnitAction) + "\n");
    }

    public void Clear() => files.RemoveFile(FilePath);
}
