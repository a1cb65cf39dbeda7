namespace CustomerPortal.LoadTest;

public static class RepoFolder
{
    /// <summary>The folder of CustomerPortal.sln above this tool.</summary>
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CustomerPortal.sln"))) return folder.FullName;
        }
        throw new FileNotFoundException("CustomerPortal.sln not found above the tool.");
    }
}
