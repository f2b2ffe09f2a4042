using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Host;

/// <summary>
/// User and group names as the appliance knows them: its own <c>/etc/passwd</c> and
/// <c>/etc/group</c>, read inside the root, so an offline image never gets this machine's ids.
/// </summary>
public sealed class AccountDatabase(RootedFileSystem files)
{
    public uint UserId(string name) =>
        Find("/etc/passwd", name) ?? throw new HardeningException($"user '{name}' does not exist in /etc/passwd");

    public uint GroupId(string name) =>
        Find("/etc/group", name) ?? throw new HardeningException($"group '{name}' does not exist in /etc/group");

    public bool UserExists(string name) => Find("/etc/passwd", name) is not null;

    public string UserName(uint id) => NameOf("/etc/passwd", id) ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string GroupName(uint id) => NameOf("/etc/group", id) ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private uint? Find(string database, string name) =>
        Entries(database).Where(entry => entry.Name == name).Select(entry => (uint?)entry.Id).FirstOrDefault();

    private string? NameOf(string database, uint id) =>
        Entries(database).Where(entry => entry.Id == id).Select(entry => entry.Name).FirstOrDefault();

    // name:password:id:... in both files; lines that do not parse are skipped, as getpwnam does.
    private IEnumerable<(string Name, uint Id)> Entries(string database)
    {
        var file = files.ReadText(database);
        if (file is null)
        {
            yield break;
        }

        foreach (var line in file.Text.Split('\n'))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0].Length > 0 && uint.TryParse(fields[2], out var id))
            {
                yield return (fields[0], id);
            }
        }
    }
}
