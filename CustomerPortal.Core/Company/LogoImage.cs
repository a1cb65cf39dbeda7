using CustomerPortal.Core.Common;
using SkiaSharp;

namespace CustomerPortal.Core.Company;

/// <summary>An uploaded logo that passed the checks: its bytes (cleaned for SVG), content type and file extension.</summary>
public sealed record LogoImage(byte[] Content, string ContentType, string Extension)
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxPixels = 4096;

    public const string WrongTypeMessage = "Upload a PNG, JPEG or SVG image. The file's content was checked, and it is none of those.";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    public static string TooLargeMessage(long bytes) =>
        $"The logo is {bytes / 1024.0 / 1024.0:0.0} MB; the limit is 1 MB. Save it smaller and try again.";

    /// <summary>Decides the type from the bytes (never the file name), checks the size and that the image really decodes.</summary>
    public static Result<LogoImage> Inspect(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0) return Invalid("The file is empty.");
        if (content.Length > MaxBytes) return Invalid(TooLargeMessage(content.Length));

        if (content.StartsWith(PngSignature)) return Raster(content, SKEncodedImageFormat.Png, "image/png", ".png");
        if (content.StartsWith(JpegSignature)) return Raster(content, SKEncodedImageFormat.Jpeg, "image/jpeg", ".jpg");
        if (SvgSanitizer.LooksLikeSvg(content))
        {
            var clean = SvgSanitizer.Sanitize(content);
            return clean is null
                ? Invalid("This SVG file could not be read. Export it again as plain SVG, or upload a PNG.")
                : new LogoImage(clean, "image/svg+xml", ".svg");
        }
        return Invalid(WrongTypeMessage);
    }

    private static Result<LogoImage> Raster(ReadOnlySpan<byte> content, SKEncodedImageFormat format, string contentType, string extension)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != format)
            return Invalid($"This {extension.TrimStart('.').ToUpperInvariant()} file is damaged and cannot be shown.");
        if (codec.Info.Width > MaxPixels || codec.Info.Height > MaxPixels)
            return Invalid($"The logo is {codec.Info.Width} × {codec.Info.Height} pixels; the limit is {MaxPixels} × {MaxPixels}.");
        return new LogoImage(content.ToArray(), contentType, extension);
    }

    private static Result<LogoImage> Invalid(string message) => Result<LogoImage>.From(Result.Invalid("Logo", message));
}
