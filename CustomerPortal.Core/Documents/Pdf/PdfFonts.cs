using SkiaSharp;

namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>
/// DejaVu Sans, shipped inside this assembly, so a PDF looks the same whatever fonts the server has. Loaded once; the
/// typefaces are shared by every render (Skia typefaces are immutable and thread-safe).
/// </summary>
internal static class PdfFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;
    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string file)
    {
        var name = $"CustomerPortal.Core.Documents.Pdf.Fonts.{file}";
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font {name} is missing.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The embedded font {name} could not be read.");
    }
}
