using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>The typefaces a document draws with: DejaVu Sans and its bold, and a fallback for symbols and emoji.</summary>
internal enum PdfFace
{
    Regular,
    Bold,
    /// <summary>Noto Sans Symbols 2 (monochrome outlines): emoji, arrows, dingbats and other symbols DejaVu Sans lacks.</summary>
    Symbols,
}

/// <summary>
/// The fonts shipped inside this assembly (DejaVu Sans, licence in Fonts/LICENSE; Noto Sans Symbols 2, licence in
/// Fonts/OFL-NotoSansSymbols2.txt), so a PDF looks the same whatever fonts the server has. The full typefaces and their
/// HarfBuzz shapers (loaded once and shared: Skia typefaces and HarfBuzz fonts are immutable once made) shape and
/// measure text for layout; each document draws with copies cut down to the glyphs it uses (<see cref="TrueTypeSubset"/>).
/// </summary>
internal static class PdfFonts
{
    private static readonly string[] FileNames = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "NotoSansSymbols2-Regular.ttf"];
    private static readonly Lazy<byte[]>[] Files = FileNames.Select(f => new Lazy<byte[]>(() => Load(f))).ToArray();
    private static readonly Lazy<SKTypeface>[] Faces = Files.Select(f => new Lazy<SKTypeface>(() => FromBytes(f.Value))).ToArray();
    private static readonly Lazy<SKShaper>[] Shapers = Faces.Select(f => new Lazy<SKShaper>(() => new SKShaper(f.Value))).ToArray();
    private static readonly PdfFace[] RegularChain = [PdfFace.Regular, PdfFace.Symbols];
    private static readonly PdfFace[] BoldChain = [PdfFace.Bold, PdfFace.Regular, PdfFace.Symbols];

    public static SKTypeface Typeface(PdfFace face) => Faces[(int)face].Value;

    public static SKShaper Shaper(PdfFace face) => Shapers[(int)face].Value;

    /// <summary>The faces tried, in order, for a character: the wanted weight first, the symbol font last.</summary>
    public static IReadOnlyList<PdfFace> Chain(bool bold) => bold ? BoldChain : RegularChain;

    /// <summary>A typeface holding only <paramref name="glyphIds"/> of <paramref name="face"/> (same glyph ids and metrics as the full one).</summary>
    public static SKTypeface Subset(PdfFace face, IEnumerable<ushort> glyphIds) =>
        FromBytes(TrueTypeSubset.Create(Files[(int)face].Value, glyphIds));

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
