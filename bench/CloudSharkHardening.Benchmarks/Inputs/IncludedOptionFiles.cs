using System.Globalization;
using CloudSharkHardening.TestSupport;

namespace CloudSharkHardening.Benchmarks.Inputs;

/// <summary>
/// The sample's <c>!includedir /etc/my.cnf.d</c> filled with a given number of option files,
/// each a copy of the sample's own server.cnf (comments, every server group) with one option
/// of its own, so the chain the mariadb rule reads grows by whole realistic files.
/// </summary>
public static class IncludedOptionFiles
{
    public const string IncludeDirectory = "/etc/my.cnf.d";

    /// <summary>Replaces every file in the include directory with <paramref name="count"/> new ones.</summary>
    public static void Write(TempTree tree, int count)
    {
        var serverCnf = tree.Read(IncludeDirectory + "/server.cnf");
        foreach (var file in System.IO.Directory.EnumerateFiles(tree.HostPath(IncludeDirectory)))
        {
            File.Delete(file);
        }

        for (var i = 1; i <= count; i++)
        {
            tree.Write(Name(i), serverCnf + string.Create(CultureInfo.InvariantCulture, $"\n[mysqld]\nmax_connections={100 + i}\n"));
        }
    }

    public static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"{IncludeDirectory}/{i:D3}-site.cnf");
}
