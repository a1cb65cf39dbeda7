using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Core.Attachments;

/// <summary>Limits of the upload pipeline (configuration section "Attachments").</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>Largest PDF or text file accepted.</summary>
    [Range(1, 1L << 31)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest picture accepted, before it is re-encoded.</summary>
    [Range(1, 1L << 31)]
    public long MaxPictureBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>A picture's longer side is scaled down to this many pixels.</summary>
    [Range(64, 10_000)]
    public int MaxPictureDimension { get; set; } = 2560;

    /// <summary>The longer side of a thumbnail.</summary>
    [Range(32, 2000)]
    public int ThumbnailDimension { get; set; } = 400;

    /// <summary>Pictures with more pixels than this are refused before decoding (a small file can expand to gigabytes).</summary>
    [Range(1, 500_000_000)]
    public long MaxPicturePixels { get; set; } = 100_000_000;

    [Range(1, 100)]
    public int JpegQuality { get; set; } = 85;

    public long LargestUpload => Math.Max(MaxFileBytes, MaxPictureBytes);
}
