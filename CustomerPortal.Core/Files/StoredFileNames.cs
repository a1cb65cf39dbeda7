using System.Security.Cryptography;

namespace CustomerPortal.Core.Files;

/// <summary>The one naming rule of every file store: 32 random hex digits and an extension, nothing that could be a path.</summary>
public static class StoredFileNames
{
    public const int MaxLength = 100;

    /// <summary>A new random name ending in <paramref name="extension"/>; an extension that would make it invalid is a bug.</summary>
    public static string New(string extension)
    {
        var name = $"{Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}{extension}";
        return IsValid(name) ? name : throw new ArgumentException($"\"{extension}\" is not a file extension the store accepts.", nameof(extension));
    }

    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '.')
        && !name.Contains("..", StringComparison.Ordinal)
        && name[0] != '.';
}
