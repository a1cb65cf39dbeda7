using CustomerPortal.Core.Common;
using SkiaSharp;

namespace CustomerPortal.Core.Attachments;

/// <summary>A picture after re-encoding: the bytes to keep, their type and size, and a thumbnail.</summary>
public sealed record ProcessedPicture(byte[] Content, string ContentType, string Extension, int Width, int Height, byte[] Thumbnail, string ThumbnailExtension);

/// <summary>
/// Decodes a picture to pixels and encodes it again. Only pixels survive, so EXIF (GPS position, camera serial),
/// XMP, comments and anything smuggled after the image data are gone. The EXIF orientation is applied first so the
/// picture still stands the right way up; large pictures are scaled down and a thumbnail is made.
/// </summary>
public static class PictureProcessor
{
    public static Result<ProcessedPicture> Process(byte[] data, string fileName, AttachmentOptions options)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(data));
        if (codec is null) return Unreadable(fileName);

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) return Unreadable(fileName);
        if ((long)info.Width * info.Height > options.MaxPicturePixels)
            return Result<ProcessedPicture>.From(Result.Invalid(
                $"{fileName} is {info.Width} × {info.Height} pixels; pictures can have at most {options.MaxPicturePixels / 1_000_000} megapixels."));

        var keepsAlpha = codec.EncodedFormat != SKEncodedImageFormat.Jpeg && info.AlphaType != SKAlphaType.Opaque;
        var decodeInfo = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, keepsAlpha ? SKAlphaType.Premul : SKAlphaType.Opaque);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) return Unreadable(fileName);

        using var upright = ApplyOrigin(decoded, codec.EncodedOrigin);
        using var full = ScaleDown(upright, options.MaxPictureDimension);
        using var thumbnail = ScaleDown(full, options.ThumbnailDimension);

        var format = keepsAlpha ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
        var extension = keepsAlpha ? ".png" : ".jpg";
        var content = Encode(full, format, options.JpegQuality);
        var thumb = Encode(thumbnail, format, options.JpegQuality);
        if (content is null || thumb is null) return Unreadable(fileName);

        return new ProcessedPicture(content, keepsAlpha ? "image/png" : "image/jpeg", extension, full.Width, full.Height, thumb, extension);
    }

    private static Result<ProcessedPicture> Unreadable(string fileName) =>
        Result<ProcessedPicture>.From(Result.Invalid($"{fileName} could not be read as a picture. It may be damaged."));

    private static byte[]? Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var data = bitmap.Encode(format, quality);
        return data?.ToArray();
    }

    /// <summary>A new bitmap no larger than <paramref name="maxSide"/> on its longer side (a copy when it already fits).</summary>
    private static SKBitmap ScaleDown(SKBitmap source, int maxSide)
    {
        var longer = Math.Max(source.Width, source.Height);
        if (longer <= maxSide) return source.Copy();
        var scale = (double)maxSide / longer;
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        return source.Resize(new SKImageInfo(width, height, source.ColorType, source.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException("Scaling a decoded picture failed.");
    }

    /// <summary>Turns the pixels as stored into the picture as the camera meant it (EXIF orientation 1–8).</summary>
    private static SKBitmap ApplyOrigin(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft) return source.Copy();
        var swapsSides = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var width = swapsSides ? source.Height : source.Width;
        var height = swapsSides ? source.Width : source.Height;
        var target = new SKBitmap(new SKImageInfo(width, height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.Transparent);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: // mirrored
                canvas.Translate(width, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight: // upside down
                canvas.Translate(width, height);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft: // mirrored upside down
                canvas.Translate(0, height);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop: // transposed
                canvas.RotateDegrees(90);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.RightTop: // needs a quarter turn clockwise
                canvas.Translate(width, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom: // transverse
                canvas.Translate(width, height);
                canvas.RotateDegrees(90);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.LeftBottom: // needs a quarter turn anticlockwise
                canvas.Translate(0, height);
                canvas.RotateDegrees(-90);
                break;
        }
        canvas.DrawBitmap(source, 0, 0);
        canvas.Flush();
        return target;
    }
}
