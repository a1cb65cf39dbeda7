using System.Text;

namespace CustomerPortal.Core.Attachments;

/// <summary>A file type the portal accepts, recognised from the bytes.</summary>
public sealed record DetectedFileType(string ContentType, AttachmentKind Kind, string Extension);

/// <summary>
/// Tells what a file is from its first bytes, never from its name or the browser's claim: a renamed program stays a
/// program. Pictures (JPEG, PNG, GIF, WebP), PDF, and plain text or CSV named as such are accepted; nothing else.
/// </summary>
public static class FileTypeDetector
{
    public const string AcceptedDescription = "a JPEG, PNG, GIF or WebP picture, a PDF, or a text or CSV file";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static DetectedFileType? Detect(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
            return new("image/jpeg", AttachmentKind.Picture, ".jpg");
        if (content.StartsWith(Png))
            return new("image/png", AttachmentKind.Picture, ".png");
        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
            return new("image/gif", AttachmentKind.Picture, ".gif");
        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
            return new("image/webp", AttachmentKind.Picture, ".webp");
        if (content.StartsWith("%PDF-"u8))
            return new("application/pdf", AttachmentKind.File, ".pdf");

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is ".txt" or ".csv" && IsPlainText(content))
            return extension == ".csv"
                ? new("text/csv", AttachmentKind.File, ".csv")
                : new("text/plain", AttachmentKind.File, ".txt");
        return null;
    }

    /// <summary>UTF-8 (or ASCII) with no NUL or other control characters than tab, line breaks and form feed.</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) content = content[3..];
        foreach (var b in content)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)) return false;
            if (b == 0x7F) return false;
        }
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
