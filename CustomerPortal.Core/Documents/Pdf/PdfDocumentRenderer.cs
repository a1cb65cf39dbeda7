using System.Text;
using SkiaSharp;

namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>
/// Draws an estimate, invoice or receipt as a PDF with SkiaSharp. Layout runs first and records each page's drawing,
/// so the footer can say "Page X of Y"; the line-item table breaks across pages and repeats its header row on each.
/// All text is drawn as real text in the embedded font, so it can be selected and searched.
/// </summary>
public sealed class PdfDocumentRenderer
{
    public byte[] Render(PdfDocumentModel model)
    {
        using var layout = new PdfLayout(model);
        var pages = layout.Build();

        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{model.Title} {model.Number}",
            Author = model.Company.Name,
            Creator = "CustomerPortal",
            Producer = "CustomerPortal (SkiaSharp)",
            RasterDpi = 150,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            for (var i = 0; i < pages.Count; i++)
            {
                var canvas = document.BeginPage(layout.PageWidth, layout.PageHeight);
                layout.DrawWatermark(canvas);
                foreach (var draw in pages[i]) draw(canvas);
                layout.DrawFooter(canvas, i + 1, pages.Count);
                document.EndPage();
            }
            document.Close();
        }
        return stream.ToArray();
    }
}

/// <summary>One render's layout: positions, page breaks, fonts and paints (disposed with it).</summary>
internal sealed class PdfLayout : IDisposable
{
    private const float Margin = 48f;
    private const float FooterHeight = 34f;
    private const float CellPadX = 5f;
    private const float CellPadY = 4f;
    private const float BodySize = 9f;

    private static readonly SKColor Ink = new(0x21, 0x21, 0x21);
    private static readonly SKColor Muted = new(0x61, 0x61, 0x61);
    private static readonly SKColor Rule = new(0xD6, 0xD6, 0xD6);
    private static readonly SKColor Stripe = new(0xF4, 0xF5, 0xF7);

    private readonly PdfDocumentModel _model;
    private readonly List<List<Action<SKCanvas>>> _pages = [];
    private readonly Dictionary<(bool Bold, float Size), SKFont> _fonts = [];
    private readonly Dictionary<SKFont, (bool Bold, float Size)> _fontKeys = [];
    private readonly Dictionary<(bool Bold, float Size), SKFont> _drawFonts = [];
    private readonly Dictionary<bool, SKTypeface> _drawFaces = [];
    private readonly HashSet<Rune> _regularRunes = [];
    private readonly HashSet<Rune> _boldRunes = [];
    private readonly Dictionary<(SKColor Color, bool Stroke, float Width), SKPaint> _paints = [];
    private readonly List<IDisposable> _owned = [];
    private readonly SKColor _accent;
    private readonly SKColor _onAccent;
    private Action? _repeatOnNewPage;
    private float _y;

    public PdfLayout(PdfDocumentModel model)
    {
        _model = model;
        PageWidth = model.UseLetterSize ? 612f : 595.28f;
        PageHeight = model.UseLetterSize ? 792f : 841.89f;
        _accent = SKColor.TryParse(model.AccentColor, out var accent) ? accent.WithAlpha(255) : new SKColor(0x15, 0x65, 0xC0);
        var luminance = (0.299 * _accent.Red + 0.587 * _accent.Green + 0.114 * _accent.Blue) / 255;
        _onAccent = luminance > 0.65 ? Ink : SKColors.White;
    }

    public float PageWidth { get; }
    public float PageHeight { get; }
    private float Left => Margin;
    private float Right => PageWidth - Margin;
    private float ContentWidth => Right - Left;
    private float Top => Margin;
    private float Bottom => PageHeight - Margin - FooterHeight;
    private List<Action<SKCanvas>> Page => _pages[^1];

    public IReadOnlyList<List<Action<SKCanvas>>> Build()
    {
        NewPage();
        Header();
        Parties();
        Heading();
        Table();
        Totals();
        Signature();
        Notes();
        // The footer and watermark are drawn after layout; their characters must be in the cut-down fonts too.
        Use(false, $"Check this document at {Clean(_model.VerifyUrl)} Page of 0123456789");
        Use(true, Clean(_model.Watermark));
        _drawFaces[false] = PdfFonts.Subset(false, Collect(_regularRunes));
        _drawFaces[true] = PdfFonts.Subset(true, Collect(_boldRunes));
        return _pages;
    }

    public void DrawFooter(SKCanvas canvas, int page, int pageCount)
    {
        var font = Font(false, 7.5f);
        var top = PageHeight - Margin - FooterHeight + 12;
        canvas.DrawLine(Left, top, Right, top, Paint(Rule, stroke: true, width: 0.6f));
        var pageText = $"Page {page} of {pageCount}";
        var pageWidth = font.MeasureText(pageText);
        var lines = Wrap($"Check this document at {_model.VerifyUrl}", font, ContentWidth - pageWidth - 16);
        var baseline = top + 12;
        foreach (var line in lines.Take(2))
        {
            canvas.DrawText(line, Left, baseline, SKTextAlign.Left, DrawFont(font), Paint(Muted));
            baseline += LineHeight(font);
        }
        canvas.DrawText(pageText, Right, top + 12, SKTextAlign.Right, DrawFont(font), Paint(Muted));
    }

    public void DrawWatermark(SKCanvas canvas)
    {
        if (string.IsNullOrWhiteSpace(_model.Watermark)) return;
        var font = Font(true, 96);
        canvas.Save();
        canvas.RotateDegrees(-35, PageWidth / 2, PageHeight / 2);
        canvas.DrawText(Clean(_model.Watermark), PageWidth / 2, PageHeight / 2 + 32, SKTextAlign.Center, DrawFont(font), Paint(new SKColor(0xE0, 0x3E, 0x3E, 0x30)));
        canvas.Restore();
    }

    private void NewPage()
    {
        _pages.Add([]);
        _y = Top;
        if (_pages.Count > 1)
        {
            var font = Font(false, 7.5f);
            Text($"{_model.Company.Name} · {_model.Title} {_model.Number} (continued)", Left, _y + Ascent(font), font, Muted);
            _y += LineHeight(font) + 8;
        }
        _repeatOnNewPage?.Invoke();
    }

    private bool Fits(float height) => _y + height <= Bottom;

    private void Ensure(float height)
    {
        if (!Fits(height)) NewPage();
    }

    private void Header()
    {
        var leftWidth = ContentWidth * 0.55f;
        var leftY = _y;
        if (_model.Logo is { Length: > 0 } logoBytes && SKImage.FromEncodedData(logoBytes) is { } logo)
        {
            _owned.Add(logo);
            var scale = Math.Min(1f, Math.Min(170f / logo.Width, 60f / logo.Height));
            var rect = SKRect.Create(Left, leftY, logo.Width * scale, logo.Height * scale);
            Page.Add(c => c.DrawImage(logo, rect, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)));
            leftY += rect.Height + 10;
        }
        leftY = Paragraph(_model.Company.Name, Font(true, 13), Ink, Left, leftY, leftWidth);
        foreach (var line in _model.Company.Lines)
            leftY = Paragraph(line, Font(false, 8.5f), Muted, Left, leftY, leftWidth);

        var titleFont = Font(true, 22);
        var rightY = _y;
        Text(_model.Title.ToUpperInvariant(), Right, rightY + Ascent(titleFont), titleFont, _accent, SKTextAlign.Right);
        rightY += LineHeight(titleFont) + 4;
        var labelFont = Font(false, 8.5f);
        var valueFont = Font(true, 9);
        var labelX = Right - 215;
        foreach (var row in _model.Meta)
        {
            Text(row.Label, labelX, rightY + Ascent(valueFont), labelFont, Muted);
            var valueLines = Wrap(row.Value, valueFont, Right - labelX - 75);
            foreach (var line in valueLines)
            {
                Text(line, Right, rightY + Ascent(valueFont), valueFont, Ink, SKTextAlign.Right);
                rightY += LineHeight(valueFont);
            }
            rightY += 2;
        }

        _y = Math.Max(leftY, rightY) + 10;
        var ruleY = _y;
        Page.Add(c => c.DrawRect(Left, ruleY, ContentWidth, 2f, Paint(_accent)));
        _y += 14;
    }

    private void Parties()
    {
        var labelFont = Font(true, 7.5f);
        Text(_model.CustomerLabel.ToUpperInvariant(), Left, _y + Ascent(labelFont), labelFont, _accent);
        _y += LineHeight(labelFont) + 1;
        _y = Paragraph(_model.Customer.Name, Font(true, 11), Ink, Left, _y, ContentWidth * 0.6f);
        foreach (var line in _model.Customer.Lines)
            _y = Paragraph(line, Font(false, BodySize), Ink, Left, _y, ContentWidth * 0.6f);
        _y += 12;
    }

    private void Heading()
    {
        if (string.IsNullOrWhiteSpace(_model.Heading)) return;
        var font = Font(true, 12);
        foreach (var line in Wrap(_model.Heading, font, ContentWidth))
        {
            Ensure(LineHeight(font));
            Text(line, Left, _y + Ascent(font), font, Ink);
            _y += LineHeight(font);
        }
        _y += 8;
    }

    private void Table()
    {
        var columns = _model.Columns;
        var fixedWidth = columns.Sum(c => c.Width);
        var widths = columns.Select(c => c.Width > 0 ? c.Width : Math.Max(60, ContentWidth - fixedWidth)).ToArray();
        var xs = new float[columns.Count];
        for (var i = 1; i < xs.Length; i++) xs[i] = xs[i - 1] + widths[i - 1];
        var headerFont = Font(true, 8.5f);
        var bodyFont = Font(false, BodySize);
        var lineHeight = LineHeight(bodyFont);
        var headerHeight = LineHeight(headerFont) + 2 * CellPadY + 2;

        void DrawHeader()
        {
            var top = _y;
            Page.Add(c => c.DrawRect(Left, top, ContentWidth, headerHeight, Paint(_accent)));
            for (var i = 0; i < columns.Count; i++)
            {
                var x = columns[i].AlignRight ? Left + xs[i] + widths[i] - CellPadX : Left + xs[i] + CellPadX;
                Text(columns[i].Header, x, top + CellPadY + 1 + Ascent(headerFont), headerFont, _onAccent,
                    columns[i].AlignRight ? SKTextAlign.Right : SKTextAlign.Left);
            }
            _y += headerHeight;
        }

        Ensure(headerHeight + lineHeight + 2 * CellPadY);
        DrawHeader();
        _repeatOnNewPage = DrawHeader;

        var rows = _model.Rows.Count > 0 ? _model.Rows : [[_model.EmptyTableText]];
        var emptyPageRoom = Bottom - Top - 20 - headerHeight;
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Enumerable.Range(0, columns.Count)
                .Select(i => Wrap(i < rows[r].Count ? rows[r][i] : "", bodyFont, widths[i] - 2 * CellPadX))
                .ToArray();
            var lineCount = Math.Max(1, cells.Max(c => c.Count));
            var rowHeight = lineCount * lineHeight + 2 * CellPadY;
            if (!Fits(rowHeight) && rowHeight <= emptyPageRoom) NewPage();

            // A row taller than what is left is split line by line; very long descriptions can span pages.
            var done = 0;
            while (done < lineCount)
            {
                var room = (int)Math.Floor((Bottom - _y - 2 * CellPadY) / lineHeight);
                if (room < 1)
                {
                    NewPage();
                    continue;
                }
                var take = Math.Min(room, lineCount - done);
                var top = _y;
                var height = take * lineHeight + 2 * CellPadY;
                if (r % 2 == 1) Page.Add(c => c.DrawRect(Left, top, ContentWidth, height, Paint(Stripe)));
                for (var i = 0; i < columns.Count; i++)
                {
                    var x = columns[i].AlignRight ? Left + xs[i] + widths[i] - CellPadX : Left + xs[i] + CellPadX;
                    var align = columns[i].AlignRight ? SKTextAlign.Right : SKTextAlign.Left;
                    for (var l = done; l < Math.Min(done + take, cells[i].Count); l++)
                        Text(cells[i][l], x, top + CellPadY + (l - done) * lineHeight + Ascent(bodyFont), bodyFont, Ink, align);
                }
                var bottom = top + height;
                Page.Add(c => c.DrawLine(Left, bottom, Right, bottom, Paint(Rule, stroke: true, width: 0.5f)));
                _y = bottom;
                done += take;
                if (done < lineCount) NewPage();
            }
        }
        _repeatOnNewPage = null;
        _y += 10;
    }

    private void Totals()
    {
        if (_model.Totals.Count == 0) return;
        var font = Font(false, BodySize);
        var strong = Font(true, 10.5f);
        var height = _model.Totals.Sum(t => LineHeight(t.Emphasis ? strong : font) + (t.Emphasis ? 8 : 3));
        Ensure(height);
        var labelX = Right - 250;
        foreach (var row in _model.Totals)
        {
            var f = row.Emphasis ? strong : font;
            if (row.Emphasis)
            {
                var ruleY = _y + 2;
                Page.Add(c => c.DrawLine(labelX, ruleY, Right, ruleY, Paint(_accent, stroke: true, width: 1f)));
                _y += 6;
            }
            Text(row.Label, labelX, _y + Ascent(f), f, row.Emphasis ? Ink : Muted);
            Text(row.Value, Right - CellPadX, _y + Ascent(f), f, Ink, SKTextAlign.Right);
            _y += LineHeight(f) + (row.Emphasis ? 6 : 3);
        }
        _y += 12;
    }

    private void Signature()
    {
        if (_model.Signature is not { } signature) return;
        var headingFont = Font(true, 10);
        var labelFont = Font(false, 8.5f);
        var valueFont = Font(true, 9);
        var valueWidth = ContentWidth - 130 - 2 * 12;
        var rows = signature.Rows.Select(r => (r.Label, Lines: Wrap(r.Value, valueFont, valueWidth))).ToList();
        var height = 12 + LineHeight(headingFont) + 6 + rows.Sum(r => r.Lines.Count * LineHeight(valueFont) + 2) + 10;
        Ensure(height);
        var top = _y;
        Page.Add(c =>
        {
            c.DrawRect(Left, top, ContentWidth, height, Paint(Stripe));
            c.DrawRect(Left, top, 3, height, Paint(_accent));
        });
        _y += 12;
        Text(signature.Heading, Left + 12, _y + Ascent(headingFont), headingFont, Ink);
        _y += LineHeight(headingFont) + 6;
        foreach (var (label, lines) in rows)
        {
            Text(label, Left + 12, _y + Ascent(valueFont), labelFont, Muted);
            foreach (var line in lines)
            {
                Text(line, Left + 142, _y + Ascent(valueFont), valueFont, Ink);
                _y += LineHeight(valueFont);
            }
            _y += 2;
        }
        _y = top + height + 14;
    }

    private void Notes()
    {
        var headingFont = Font(true, 10);
        var font = Font(false, BodySize);
        foreach (var note in _model.Notes.Where(n => !string.IsNullOrWhiteSpace(n.Text)))
        {
            Ensure(LineHeight(headingFont) + 4 + LineHeight(font));
            Text(note.Heading, Left, _y + Ascent(headingFont), headingFont, Ink);
            _y += LineHeight(headingFont) + 4;
            foreach (var line in Wrap(note.Text, font, ContentWidth))
            {
                Ensure(LineHeight(font));
                Text(line, Left, _y + Ascent(font), font, Ink);
                _y += LineHeight(font);
            }
            _y += 10;
        }
    }

    /// <summary>Wrapped text from the top-left corner; returns the y below it. Used where no page break can fall (the header).</summary>
    private float Paragraph(string text, SKFont font, SKColor color, float x, float y, float width)
    {
        foreach (var line in Wrap(text, font, width))
        {
            Text(line, x, y + Ascent(font), font, color);
            y += LineHeight(font);
        }
        return y;
    }

    private void Text(string text, float x, float baseline, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left)
    {
        if (text.Length == 0) return;
        var paint = Paint(color);
        Use(_fontKeys[font].Bold, text);
        Page.Add(c => c.DrawText(text, x, baseline, align, DrawFont(font), paint));
    }

    private void Use(bool bold, string text)
    {
        var runes = bold ? _boldRunes : _regularRunes;
        foreach (var rune in text.EnumerateRunes()) runes.Add(rune);
    }

    private static string Collect(HashSet<Rune> runes)
    {
        var text = new StringBuilder(runes.Count * 2);
        foreach (var rune in runes) text.Append(rune.ToString());
        return text.ToString();
    }

    /// <summary>The font to draw with: the layout font's size and weight in the document's cut-down typeface.</summary>
    private SKFont DrawFont(SKFont layoutFont)
    {
        var key = _fontKeys[layoutFont];
        if (_drawFonts.TryGetValue(key, out var font)) return font;
        font = new SKFont(_drawFaces[key.Bold], key.Size) { Subpixel = true, LinearMetrics = true };
        _drawFonts[key] = font;
        return font;
    }

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="width"/>: at line breaks in the text, then between words, and
    /// inside a word only when the word alone is too wide.
    /// </summary>
    internal static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in Clean(text).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (font.MeasureText(line) > width)
                {
                    var fit = Math.Max(1, (int)font.BreakText(line, width));
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            lines.Add(line);
        }
        while (lines.Count > 1 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>Line breaks become '\n'; tabs and other control characters become spaces.</summary>
    internal static string Clean(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return string.Create(normalized.Length, normalized, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c == '\n' ? '\n' : char.IsControl(c) ? ' ' : c;
            }
        });
    }

    private SKFont Font(bool bold, float size)
    {
        if (_fonts.TryGetValue((bold, size), out var font)) return font;
        font = new SKFont(bold ? PdfFonts.Bold : PdfFonts.Regular, size) { Subpixel = true, LinearMetrics = true };
        _fonts[(bold, size)] = font;
        _fontKeys[font] = (bold, size);
        return font;
    }

    private SKPaint Paint(SKColor color, bool stroke = false, float width = 0)
    {
        if (_paints.TryGetValue((color, stroke, width), out var paint)) return paint;
        paint = new SKPaint { Color = color, IsAntialias = true, Style = stroke ? SKPaintStyle.Stroke : SKPaintStyle.Fill, StrokeWidth = width };
        _paints[(color, stroke, width)] = paint;
        return paint;
    }

    private static float Ascent(SKFont font) => -font.Metrics.Ascent;

    private static float LineHeight(SKFont font) => font.Size * 1.32f;

    public void Dispose()
    {
        foreach (var font in _fonts.Values) font.Dispose();
        foreach (var font in _drawFonts.Values) font.Dispose();
        foreach (var face in _drawFaces.Values) face.Dispose();
        foreach (var paint in _paints.Values) paint.Dispose();
        foreach (var owned in _owned) owned.Dispose();
    }
}
