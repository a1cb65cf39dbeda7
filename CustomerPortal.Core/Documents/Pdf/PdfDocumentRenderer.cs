using System.Globalization;
using SkiaSharp;

namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>
/// Draws an estimate, invoice or receipt as a PDF with SkiaSharp. Layout runs first and records each page's drawing,
/// so the footer can say "Page X of Y"; the line-item table breaks across pages and repeats its header row on each.
/// All text is shaped (<see cref="PdfTextShaper"/>: right-to-left runs, joined Arabic letters, a symbol font where DejaVu
/// Sans has no glyph) and drawn as real text in the embedded fonts, so it can be selected and searched.
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
                foreach (var draw in pages[i]) draw(canvas);
                document.EndPage();
            }
            document.Close();
        }
        return stream.ToArray();
    }
}

/// <summary>A wrapped line and the level (0 left-to-right, 1 right-to-left) of the paragraph it belongs to.</summary>
internal readonly record struct TextLine(string Text, int ParagraphLevel);

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
    private readonly Dictionary<(PdfFace Face, float Size), SKFont> _drawFonts = [];
    private readonly Dictionary<PdfFace, SKTypeface> _drawFaces = [];
    private readonly Dictionary<PdfFace, HashSet<ushort>> _glyphs = [];
    private readonly Dictionary<(string Text, bool Bold, float Size, int Level), ShapedLine> _shaped = [];
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
        // The page count is known now: each page gets its watermark (under everything) and footer.
        for (var i = 0; i < _pages.Count; i++)
        {
            Watermark(_pages[i]);
            Footer(_pages[i], i + 1, _pages.Count);
        }
        foreach (var (face, glyphs) in _glyphs) _drawFaces[face] = PdfFonts.Subset(face, glyphs);
        return _pages;
    }

    private void Footer(List<Action<SKCanvas>> page, int number, int pageCount)
    {
        var font = Font(false, 7.5f);
        var top = PageHeight - Margin - FooterHeight + 12;
        page.Add(c => c.DrawLine(Left, top, Right, top, Paint(Rule, stroke: true, width: 0.6f)));
        var pageText = $"Page {number} of {pageCount}";
        var pageWidth = Measure(pageText, font);
        var lines = Wrap($"Check this document at {_model.VerifyUrl}", font, ContentWidth - pageWidth - 16);
        var baseline = top + 12;
        foreach (var line in lines.Take(2))
        {
            Text(page, line, Left, baseline, font, Muted);
            baseline += LineHeight(font);
        }
        Text(page, new TextLine(pageText, 0), Right, top + 12, font, Muted, SKTextAlign.Right);
    }

    private void Watermark(List<Action<SKCanvas>> page)
    {
        if (string.IsNullOrWhiteSpace(_model.Watermark)) return;
        var font = Font(true, 96);
        var shaped = Shape(Line(Clean(_model.Watermark)), font);
        var paint = Paint(new SKColor(0xE0, 0x3E, 0x3E, 0x30));
        page.Insert(0, c =>
        {
            c.Save();
            c.RotateDegrees(-35, PageWidth / 2, PageHeight / 2);
            DrawShaped(c, shaped, PageWidth / 2, PageHeight / 2 + 32, font.Size, SKTextAlign.Center, paint);
            c.Restore();
        });
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

    private void Text(string text, float x, float baseline, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left) =>
        Text(Page, Line(text), x, baseline, font, color, align);

    private void Text(TextLine line, float x, float baseline, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left) =>
        Text(Page, line, x, baseline, font, color, align);

    /// <summary>Shapes a line now (recording its glyphs for the cut-down fonts) and draws it when the page is drawn.</summary>
    private void Text(List<Action<SKCanvas>> page, TextLine line, float x, float baseline, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left)
    {
        if (line.Text.Length == 0) return;
        var paint = Paint(color);
        var shaped = Shape(line, font);
        page.Add(c => DrawShaped(c, shaped, x, baseline, font.Size, align, paint));
    }

    /// <summary>A line that is a paragraph of its own: its direction comes from its first strong character.</summary>
    private static TextLine Line(string text) => new(text, Bidi.ParagraphLevel(text));

    private ShapedLine Shape(TextLine line, SKFont font)
    {
        var (bold, size) = _fontKeys[font];
        if (_shaped.TryGetValue((line.Text, bold, size, line.ParagraphLevel), out var shaped)) return shaped;
        shaped = PdfTextShaper.Shape(line.Text, bold, size, line.ParagraphLevel);
        foreach (var run in shaped.Runs)
        {
            if (!_glyphs.TryGetValue(run.Face, out var used)) _glyphs[run.Face] = used = [];
            used.UnionWith(run.Glyphs);
        }
        _shaped[(line.Text, bold, size, line.ParagraphLevel)] = shaped;
        return shaped;
    }

    private float Measure(string text, SKFont font, int? paragraphLevel = null) =>
        Shape(new TextLine(text, paragraphLevel ?? Bidi.ParagraphLevel(text)), font).Width;

    /// <summary>
    /// Draws shaped runs as one text blob in the document's cut-down typefaces (same glyph ids as the full ones), each run
    /// with its text and clusters so the PDF's text reads back in logical order.
    /// </summary>
    private void DrawShaped(SKCanvas canvas, ShapedLine line, float x, float baseline, float size, SKTextAlign align, SKPaint paint)
    {
        var pen = align switch
        {
            SKTextAlign.Right => x - line.Width,
            SKTextAlign.Center => x - line.Width / 2,
            _ => x,
        };
        using var builder = new SKTextBlobBuilder();
        foreach (var run in line.Runs)
        {
            var buffer = builder.AllocatePositionedTextRun(DrawFont(run.Face, size), run.Glyphs.Length, run.Utf8Text.Length);
            run.Glyphs.CopyTo(buffer.Glyphs);
            var positions = buffer.Positions;
            for (var i = 0; i < positions.Length; i++) positions[i] = new SKPoint(pen + run.Positions[i].X, run.Positions[i].Y);
            buffer.SetText(run.Utf8Text);
            buffer.SetClusters(run.Clusters);
            pen += run.Width;
        }
        using var blob = builder.Build();
        if (blob is not null) canvas.DrawText(blob, 0, baseline, paint);
    }

    /// <summary>The font to draw a run with: its face, cut down to the document's glyphs, at the layout font's size.</summary>
    private SKFont DrawFont(PdfFace face, float size)
    {
        if (_drawFonts.TryGetValue((face, size), out var font)) return font;
        font = new SKFont(_drawFaces[face], size) { Subpixel = true, LinearMetrics = true };
        _drawFonts[(face, size)] = font;
        return font;
    }

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="width"/>: at line breaks in the text, then between words, and
    /// inside a word (between whole characters) only when the word alone is too wide. A line is as wide as its shaped
    /// words and spaces (shaping does not reach across a space, so each word is shaped once). Each line keeps the
    /// direction of the paragraph it came from.
    /// </summary>
    internal List<TextLine> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<TextLine>();
        foreach (var paragraph in Clean(text).Split('\n'))
        {
            var level = Bidi.ParagraphLevel(paragraph);
            var space = Measure(" ", font, level);
            var line = "";
            var lineWidth = 0f;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var wordWidth = Measure(word, font, level);
                var candidateWidth = line.Length == 0 ? wordWidth : lineWidth + space + wordWidth;
                if (candidateWidth <= width)
                {
                    line = line.Length == 0 ? word : $"{line} {word}";
                    lineWidth = candidateWidth;
                    continue;
                }
                if (line.Length > 0) lines.Add(new TextLine(line, level));
                line = word;
                lineWidth = wordWidth;
                while (lineWidth > width)
                {
                    var fit = Fit(line, font, level, width);
                    lines.Add(new TextLine(line[..fit], level));
                    line = line[fit..];
                    lineWidth = Measure(line, font, level);
                }
            }
            lines.Add(new TextLine(line, level));
        }
        while (lines.Count > 1 && lines[^1].Text.Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>How many UTF-16 units of <paramref name="word"/> fit in <paramref name="width"/>: whole characters, at least one.</summary>
    private int Fit(string word, SKFont font, int level, float width)
    {
        var starts = StringInfo.ParseCombiningCharacters(word);
        int low = 1, high = starts.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (Measure(word[..starts[middle]], font, level) <= width) low = middle + 1;
            else high = middle - 1;
        }
        return high >= 1 ? starts[high] : starts.Length > 1 ? starts[1] : word.Length;
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
        font = new SKFont(PdfFonts.Typeface(bold ? PdfFace.Bold : PdfFace.Regular), size) { Subpixel = true, LinearMetrics = true };
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
