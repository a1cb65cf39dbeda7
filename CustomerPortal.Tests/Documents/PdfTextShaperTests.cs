using CustomerPortal.Core.Documents.Pdf;
using SkiaSharp;

namespace CustomerPortal.Tests.Documents;

/// <summary>The bidi levels and display order of document text, and its shaping with HarfBuzz and the fallback font.</summary>
public sealed class PdfTextShaperTests
{
    [Theory]
    [InlineData("שלום world", 1)]
    [InlineData("Hello שלום", 0)]
    [InlineData("123 مرحبا", 1)]
    [InlineData("(42) $5", 0)]
    public void ParagraphLevel_FollowsTheFirstStrongCharacter(string text, int expected) =>
        Assert.Equal(expected, Bidi.ParagraphLevel(text));

    [Fact]
    public void Levels_HebrewInEnglish_IsOneAndTheSpaceBetweenStaysLeftToRight() =>
        Assert.Equal("00011111111100", string.Concat(Bidi.Levels("ab שלום עולם c", 0)));

    [Fact]
    public void Levels_NumberInsideHebrew_IsLeftToRightWithItsSeparatorsAndCurrency() =>
        // "מחיר $1,200.50 כולל": the amount (currency sign, comma, point) is one left-to-right number at level 2.
        Assert.Equal("1111122222222211111", string.Concat(Bidi.Levels("מחיר $1,200.50 כולל", 1)));

    [Fact]
    public void Levels_DigitsAfterArabic_AreArabicNumbersAboveTheText() =>
        Assert.Equal("111122", string.Concat(Bidi.Levels("سعر 15", 1)));

    [Fact]
    public void Levels_TrailingSpacesTakeTheParagraphLevel() =>
        Assert.Equal("00111100", string.Concat(Bidi.Levels("a שלום  ", 0)));

    [Theory]
    [InlineData(new[] { 0, 1, 1, 0 }, new[] { 0, 2, 1, 3 })]
    [InlineData(new[] { 1, 2, 1 }, new[] { 2, 1, 0 })]
    [InlineData(new[] { 1, 2, 2, 1 }, new[] { 3, 1, 2, 0 })]
    [InlineData(new[] { 0, 0 }, new[] { 0, 1 })]
    public void VisualOrder_ReversesRunsFromTheHighestLevelDown(int[] levels, int[] expected) =>
        Assert.Equal(expected, Bidi.VisualOrder(levels));

    [Fact]
    public void Shape_Hebrew_DrawsTheLastLetterLeftmost()
    {
        var line = PdfTextShaper.Shape("שלום", bold: false, 9);

        var run = Assert.Single(line.Runs);
        Assert.Equal(1, run.Level);
        Assert.Equal(PdfFace.Regular, run.Face);
        Assert.Equal("םולש".Select(c => Glyph(PdfFace.Regular, c)), run.Glyphs);
    }

    [Fact]
    public void Shape_Arabic_JoinsTheLettersAndHasNoMissingGlyph()
    {
        // Beh beside beh: an initial and a final form, neither of them the isolated letter the character map gives.
        var joined = Assert.Single(PdfTextShaper.Shape("بب", bold: false, 9).Runs);
        var isolated = Glyph(PdfFace.Regular, 'ب');
        Assert.Equal(2, joined.Glyphs.Length);
        Assert.All(joined.Glyphs, g => Assert.NotEqual(isolated, g));
        Assert.NotEqual(joined.Glyphs[0], joined.Glyphs[1]);

        // Lam and alef make one ligature glyph; a whole phrase has no .notdef (glyph 0) in regular or bold.
        Assert.Single(Assert.Single(PdfTextShaper.Shape("لا", bold: false, 9).Runs).Glyphs);
        foreach (var bold in new[] { false, true })
            Assert.All(PdfTextShaper.Shape("مرحبا بالعالم", bold, 9).Runs.SelectMany(r => r.Glyphs), g => Assert.NotEqual((ushort)0, g));
    }

    [Fact]
    public void Shape_EnglishWithHebrew_KeepsTheEnglishAroundTheHebrewRun()
    {
        var line = PdfTextShaper.Shape("Order 12 for שלום עולם today", bold: false, 9);

        Assert.Equal("Order 12 for |שלום עולם| today", string.Join("|", line.Runs.Select(Text)));
        Assert.Equal("010", string.Concat(line.Runs.Select(r => r.Level)));
    }

    [Fact]
    public void Shape_NumberInHebrew_StaysInItsOwnOrderBetweenTheWords()
    {
        var line = PdfTextShaper.Shape("מחיר 150 שקל", bold: false, 9);

        // Read right to left: "מחיר", then 150, then "שקל"; the digits themselves still run left to right.
        Assert.Equal(" שקל|150|מחיר ", string.Join("|", line.Runs.Select(Text)));
        Assert.Equal("150".Select(c => Glyph(PdfFace.Regular, c)), line.Runs[1].Glyphs);
    }

    [Fact]
    public void Shape_Emoji_ComesFromTheSymbolFont()
    {
        var line = PdfTextShaper.Shape("Great job 👍", bold: true, 9);

        Assert.Equal(PdfFace.Bold, line.Runs[0].Face);
        var emoji = line.Runs[^1];
        Assert.Equal(PdfFace.Symbols, emoji.Face);
        Assert.Equal("👍", Text(emoji));
        Assert.NotEqual((ushort)0, Assert.Single(emoji.Glyphs));
        Assert.Equal((ushort)0, Glyph(PdfFace.Regular, "👍"));
    }

    [Fact]
    public void Shape_Width_IsTheSumOfTheAdvances()
    {
        using var font = new SKFont(PdfFonts.Typeface(PdfFace.Regular), 9) { LinearMetrics = true, Subpixel = true };

        var line = PdfTextShaper.Shape("Annual boiler service", bold: false, 9);

        Assert.InRange(line.Width, font.MeasureText("Annual boiler service") - 0.5f, font.MeasureText("Annual boiler service") + 0.5f);
        Assert.Equal(line.Runs.Sum(r => r.Width), line.Width);
    }

    private static string Text(ShapedRun run) => System.Text.Encoding.UTF8.GetString(run.Utf8Text);

    private static ushort Glyph(PdfFace face, char c) => PdfFonts.Typeface(face).GetGlyph(c);

    private static ushort Glyph(PdfFace face, string c) => PdfFonts.Typeface(face).GetGlyph(char.ConvertToUtf32(c, 0));
}
