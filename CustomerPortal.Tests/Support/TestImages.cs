using System.Buffers.Binary;
using SkiaSharp;

namespace CustomerPortal.Tests.Support;

/// <summary>Pictures made in the test: plain JPEG/PNG from SkiaSharp, and a JPEG carrying EXIF with a GPS position.</summary>
public static class TestImages
{
    public static byte[] Jpeg(int width, int height, SKColor? color = null) => Encode(width, height, SKEncodedImageFormat.Jpeg, color ?? SKColors.SteelBlue);

    public static byte[] Png(int width, int height, SKColor? color = null) => Encode(width, height, SKEncodedImageFormat.Png, color ?? SKColors.SeaGreen);

    /// <summary>
    /// A JPEG with an APP1 Exif segment spliced in right after SOI: orientation 6 (turn a quarter clockwise) and a GPS
    /// IFD holding 40°26'46"N 79°58'56"W, the kind of data a phone writes into every photo.
    /// </summary>
    public static byte[] JpegWithExifGps(int width, int height)
    {
        var jpeg = Jpeg(width, height, SKColors.OrangeRed);
        var exif = ExifSegment();
        var result = new byte[jpeg.Length + exif.Length];
        jpeg.AsSpan(0, 2).CopyTo(result); // SOI
        exif.CopyTo(result.AsSpan(2));
        jpeg.AsSpan(2).CopyTo(result.AsSpan(2 + exif.Length));
        return result;
    }

    /// <summary>True when the bytes hold the text (e.g. "Exif", or the GPS reference letters block).</summary>
    public static bool Contains(byte[] data, string ascii) => data.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(ascii)) >= 0;

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, SKColor color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color);
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(0, 0, width / 4f, height / 4f, paint); // marks the top-left corner
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static byte[] ExifSegment()
    {
        // TIFF, big-endian: header (8) | IFD0 at 8: 2 entries (30) | GPS IFD at 38: 4 entries (54) | rationals at 92 and 116.
        var tiff = new byte[140];
        var span = tiff.AsSpan();
        "MM"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], 8);

        BinaryPrimitives.WriteUInt16BigEndian(span[8..], 2);
        Entry(span[10..], 0x0112, 3, 1, 6 << 16); // Orientation = 6, a SHORT left-aligned in the value field
        Entry(span[22..], 0x8825, 4, 1, 38); // GPSInfo IFD pointer
        BinaryPrimitives.WriteUInt32BigEndian(span[34..], 0);

        BinaryPrimitives.WriteUInt16BigEndian(span[38..], 4);
        Entry(span[40..], 0x0001, 2, 2, 'N' << 24); // GPSLatitudeRef "N\0"
        Entry(span[52..], 0x0002, 5, 3, 92); // GPSLatitude
        Entry(span[64..], 0x0003, 2, 2, 'W' << 24); // GPSLongitudeRef "W\0"
        Entry(span[76..], 0x0004, 5, 3, 116); // GPSLongitude
        BinaryPrimitives.WriteUInt32BigEndian(span[88..], 0);
        Rationals(span[92..], 40, 26, 46);
        Rationals(span[116..], 79, 58, 56);

        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + 6 + tiff.Length));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        return segment;
    }

    private static void Entry(Span<byte> at, ushort tag, ushort type, uint count, long value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(at, tag);
        BinaryPrimitives.WriteUInt16BigEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32BigEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32BigEndian(at[8..], (uint)value);
    }

    private static void Rationals(Span<byte> at, params uint[] wholes)
    {
        for (var i = 0; i < wholes.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(at[(i * 8)..], wholes[i]);
            BinaryPrimitives.WriteUInt32BigEndian(at[(i * 8 + 4)..], 1);
        }
    }
}
