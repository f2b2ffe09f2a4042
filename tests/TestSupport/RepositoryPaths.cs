namespace CloudSharkHardening.TestSupport;

/// <summary>Locations inside this repository, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleAppliance => Path.Combine(Root, "samples", "appliance");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CloudSharkHardening.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("tests must run inside the repository");
    }
}
