namespace Platform.Testing;

/// <summary>The checkout the tests run from, for files they read as they are committed (scripts, settings).</summary>
public static class Repository
{
    /// <summary>The directory holding Directory.Packages.props, found by walking up from the test's output directory.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props"))) return dir.FullName;
        throw new InvalidOperationException("Repository root not found.");
    }
}
