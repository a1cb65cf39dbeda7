namespace CustomerPortal.Core.Data.Backups;

/// <summary>The uploaded files part of a backup (pictures, logo): the same on either database.</summary>
internal static class BackupFiles
{
    public const string FolderName = "files";

    /// <summary>Copies every file under <paramref name="from"/> to the same place under <paramref name="to"/>; returns how many.</summary>
    public static int Copy(string from, string to, CancellationToken ct)
    {
        if (!Directory.Exists(from)) return 0;
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            copied++;
        }
        return copied;
    }

    public static bool IsUsedFolder(string folder) => Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any();
}
