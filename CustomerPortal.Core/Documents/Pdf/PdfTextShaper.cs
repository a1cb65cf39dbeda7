using System.Globalization;
using System.Text;
using HarfBuzzSharp;
using SkiaSharp;

namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>
/// Glyphs of one font and one direction, in display order, positioned from the run's left edge (y from the baseline).
/// <see cref="Utf8Text"/> is the run's text in reading order and <see cref="Clusters"/> the byte offset in it that each
/// glyph stands for: Skia writes them into the PDF (as ActualText where glyphs and characters differ), so joined Arabic
/// letters and ligatures copy and search as the letters typed.
/// </summary>
internal sealed record ShapedRun(PdfFace Face, ushort[] Glyphs, SKPoint[] Positions, float Width, byte[] Utf8Text, uint[] Clusters, int Level);

/// <summary>One line of text shaped for display: its runs in display order, left to right.</summary>
internal sealed record ShapedLine(IReadOnlyList<ShapedRun> Runs, float Width);

/// <summary>
/// Shapes a line of text with HarfBuzz: the line is split into runs of one bidi level and one font (a character DejaVu
/// Sans lacks is taken from the symbol font), each run is shaped in its direction (so Arabic letters join and brackets
/// mirror), and the runs are put in display order by the bidi algorithm (<see cref="Bidi"/>).
/// </summary>
internal static class PdfTextShaper
{
    public static ShapedLine Shape(string text, bool bold, float size, int? paragraphLevel = null)
    {
        if (text.Length == 0) return new ShapedLine([], 0);
        var baseLevel = paragraphLevel ?? Bidi.ParagraphLevel(text);
        var levels = Bidi.Levels(text, baseLevel);
        var faces = ChooseFaces(text, PdfFonts.Chain(bold));

        var runs = new List<ShapedRun>();
        for (var start = 0; start < text.Length;)
        {
            var end = start + 1;
            while (end < text.Length && levels[end] == levels[start] && faces[end] == faces[start]) end++;
            runs.Add(ShapeRun(text, start, end - start, faces[start], levels[start], size));
            start = end;
        }

        var order = Bidi.VisualOrder(runs.Select(r => r.Level).ToArray());
        var visual = order.Select(i => runs[i]).Where(r => r.Glyphs.Length > 0).ToList();
        return new ShapedLine(visual, visual.Sum(r => r.Width));
    }

    /// <summary>
    /// The face for each UTF-16 unit: the first face in <paramref name="chain"/> that has the character. Marks, joiners,
    /// variation selectors and emoji modifiers stay in the face of the character they attach to, and spaces in the face
    /// before them, so a run is not cut where the text does not change font.
    /// </summary>
    private static PdfFace[] ChooseFaces(string text, IReadOnlyList<PdfFace> chain)
    {
        var faces = new PdfFace[text.Length];
        PdfFace? previous = null;
        for (var i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            PdfFace face;
            if (previous is { } before && (Attaches(rune) || (Rune.IsWhiteSpace(rune) && Has(before, rune)))) face = before;
            else face = chain.FirstOrDefault(f => Has(f, rune), chain[0]);
            for (var j = 0; j < rune.Utf16SequenceLength; j++) faces[i + j] = face;
            previous = face;
            i += rune.Utf16SequenceLength;
        }
        return faces;
    }

    private static bool Has(PdfFace face, Rune rune) => PdfFonts.Typeface(face).GetGlyph(rune.Value) != 0;

    private static bool Attaches(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format
        || rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or (>= 0x1F3FB and <= 0x1F3FF) or (>= 0xE0020 and <= 0xE007F);

    private static ShapedRun ShapeRun(string text, int start, int length, PdfFace face, int level, float size)
    {
        using var buffer = new HarfBuzzSharp.Buffer();
        // The whole line goes in as context (so a letter at a run's edge still joins), the run as the item to shape.
        buffer.AddUtf16(text, start, length);
        buffer.Direction = level % 2 == 1 ? Direction.RightToLeft : Direction.LeftToRight;
        buffer.GuessSegmentProperties();
        using var font = new SKFont(PdfFonts.Typeface(face), size);
        var shaped = PdfFonts.Shaper(face).Shape(buffer, 0, 0, font);

        var runText = text.Substring(start, length);
        // The UTF-8 offset of each UTF-16 unit of the run (both halves of a surrogate pair start the same character).
        var utf8Offsets = new uint[length + 1];
        uint bytes = 0;
        for (var at = 0; at < length;)
        {
            Rune.DecodeFromUtf16(runText.AsSpan(at), out var rune, out var consumed);
            for (var k = 0; k < consumed; k++) utf8Offsets[at + k] = bytes;
            bytes += (uint)rune.Utf8SequenceLength;
            at += consumed;
        }
        utf8Offsets[length] = bytes;
        var glyphs = shaped.Codepoints.Select(g => (ushort)g).ToArray();
        var clusters = shaped.Clusters.Select(c => utf8Offsets[Math.Clamp((int)c - start, 0, length - 1)]).ToArray();
        return new ShapedRun(face, glyphs, shaped.Points, shaped.Width, Encoding.UTF8.GetBytes(runText), clusters, level);
    }
}
