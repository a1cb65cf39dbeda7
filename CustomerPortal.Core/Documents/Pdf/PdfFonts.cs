using SkiaSharp;

namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>
/// DejaVu Sans, shipped inside this assembly, so a PDF looks the same whatever fonts the server has. The full
/// typefaces (loaded once, shared: Skia typefaces are immutable and thread-safe) measure text for layout; each document
/// draws with a copy cut down to the glyphs it uses (<see cref="TrueTypeSubset"/>).
/// </summary>
internal static class PdfFonts
{
    private static readonly Lazy<byte[]> RegularFile = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> BoldFile = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lazy<SKTypeface> RegularFace = new(() => FromBytes(RegularFile.Value));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => FromBytes(BoldFile.Value));

    public static SKTypeface Regular => RegularFace.Value;
    public static SKTypeface Bold => BoldFace.Value;

    /// <summary>A typeface holding only the glyphs of <paramref name="text"/> (same glyph ids and metrics as the full one).</summary>
    public static SKTypeface Subset(bool bold, string text)
    {
        using var font = new SKFont(bold ? Bold : Regular);
        return FromBytes(TrueTypeSubset.Create(bold ? BoldFile.Value : RegularFile.Value, font.GetGlyphs(text)));
    }

    private static SKTypeface FromBytes(byte[] file)
    {
        using var data = SKData.CreateCopy(file);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException("An embedded font could not be read.");
    }

    private static byte[] Load(string file)
    {
        var name = $"CustomerPortal.Core.Documents.Pdf.Fonts.{file}";
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font {name} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
