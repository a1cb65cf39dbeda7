using System.ComponentModel.DataAnnotations;
using CustomerPortal.Core.Data;

namespace CustomerPortal.Core.Files;

public enum FileStoreKind
{
    /// <summary>Files in a folder: the data folder's <c>files</c>, or <see cref="FileStoreOptions.Folder"/> (a mount every instance shares).</summary>
    Folder,

    /// <summary>Files in the database's <c>StoredFiles</c> table, so every instance on that database has them.</summary>
    Database,
}

/// <summary>Where uploaded files are kept. Section <c>Files</c>.</summary>
public sealed class FileStoreOptions : IValidatableObject
{
    public const string Section = "Files";

    public FileStoreKind Store { get; set; } = FileStoreKind.Folder;

    /// <summary>With the folder store: the folder to keep files in; empty means <c>files</c> in the data folder. A relative path is under the data folder.</summary>
    public string Folder { get; set; } = "";

    /// <summary>The folder the folder store keeps its files in.</summary>
    public string FolderIn(DataPaths paths) => Folder.Length == 0 ? paths.FilesFolder : Path.Combine(paths.Root, Folder);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Store))
            yield return new ValidationResult($"Files:Store must be {FileStoreKind.Folder} or {FileStoreKind.Database}.", [nameof(Store)]);
        if (Store == FileStoreKind.Database && Folder.Length > 0)
            yield return new ValidationResult("Files:Folder is used only with Files:Store = Folder; with Database the files are in the database.", [nameof(Folder)]);
    }
}
