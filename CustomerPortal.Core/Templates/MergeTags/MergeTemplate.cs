using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CustomerPortal.Core.Templates.MergeTags;

/// <summary>How a field's value is written into the output.</summary>
public enum MergeEncoding
{
    /// <summary>HTML e-mail: values (and fallbacks) are HTML-encoded; the template's own markup is kept as written.</summary>
    Html,

    /// <summary>SMS and plain-text e-mail: values are written as they are.</summary>
    PlainText,
}

/// <summary>A problem in a template's text, at the 1-based line and column where it starts.</summary>
public sealed record MergeTagProblem(int Line, int Column, string Message)
{
    public override string ToString() => $"Line {Line}, column {Column}: {Message}";
}

/// <summary>
/// A template with <c>{{FIELD}}</c> and <c>{{FIELD|fallback}}</c> fields, parsed once. Rendering never parses again: a
/// value is inserted as data, so a value that itself contains <c>{{FIELD}}</c> is printed literally.
/// </summary>
public sealed class MergeTemplate
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Literal text (Tag null) or a field; fallbacks are stored ready for each encoding.</summary>
    private readonly record struct Part(int Start, int Length, string? Tag, string PlainFallback, string HtmlFallback);

    private readonly string _source;
    private readonly Part[] _parts;
    private readonly int _fieldCount;

    private MergeTemplate(string source, Part[] parts)
    {
        _source = source;
        _parts = parts;
        _fieldCount = parts.Count(p => p.Tag is not null);
        Tags = parts.Where(p => p.Tag is not null).Select(p => p.Tag!).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The fields the template uses, each once, in order of first use.</summary>
    public IReadOnlyList<string> Tags { get; }

    public string Source => _source;

    /// <summary>
    /// Parses <paramref name="source"/>. With <paramref name="allowedTags"/>, a field not in it is a problem too (a
    /// typing error, or a field that has no value for this kind of message). Problems come with line and column.
    /// </summary>
    public static MergeTemplateParse Parse(string source, IReadOnlySet<string>? allowedTags = null, Func<string, string?>? whyNotAllowed = null)
    {
        source ??= "";
        var parts = new List<Part>();
        var problems = new List<MergeTagProblem>();
        var textStart = 0;
        var position = 0;
        while (true)
        {
            var open = source.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0) break;
            var close = CloseOf(source, open + 2);
            if (close < 0)
            {
                problems.Add(ProblemAt(source, open, "This {{ is not closed: a field is written {{NAME}} on one line."));
                position = open + 2;
                continue;
            }
            var inside = source.AsSpan(open + 2, close - open - 2);
            var bar = inside.IndexOf('|');
            var name = (bar < 0 ? inside : inside[..bar]).Trim().ToString();
            var fallback = bar < 0 ? "" : inside[(bar + 1)..].Trim().ToString();
            var problem = NameProblem(name, allowedTags, whyNotAllowed);
            if (problem is not null)
            {
                problems.Add(ProblemAt(source, open, problem));
            }
            else
            {
                if (open > textStart) parts.Add(new Part(textStart, open - textStart, null, "", ""));
                parts.Add(new Part(0, 0, name.ToUpperInvariant(), fallback, Html.Encode(fallback)));
                textStart = close + 2;
            }
            position = close + 2;
        }
        if (problems.Count > 0) return new MergeTemplateParse(null, problems);
        if (source.Length > textStart) parts.Add(new Part(textStart, source.Length - textStart, null, "", ""));
        return new MergeTemplateParse(new MergeTemplate(source, [.. parts]), []);
    }

    /// <summary>The index of the "}}" that closes a field starting at <paramref name="from"/>, or -1 when a line break or another "{{" comes first.</summary>
    private static int CloseOf(string source, int from)
    {
        for (var i = from; i < source.Length - 1; i++)
        {
            var c = source[i];
            if (c is '\n' or '\r') return -1;
            if (c == '{' && source[i + 1] == '{') return -1;
            if (c == '}' && source[i + 1] == '}') return i;
        }
        return -1;
    }

    private static string? NameProblem(string name, IReadOnlySet<string>? allowedTags, Func<string, string?>? whyNotAllowed)
    {
        if (name.Length == 0) return "A field has no name: write it between {{ and }}, e.g. {{CUSTOMER_FIRST_NAME}}.";
        if (!char.IsAsciiLetter(name[0]) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
            return $"\"{Shorten(name)}\" is not a field name: names are letters, digits and _ (e.g. CUSTOMER_FIRST_NAME).";
        var upper = name.ToUpperInvariant();
        if (allowedTags is null || allowedTags.Contains(upper)) return null;
        return whyNotAllowed?.Invoke(upper) ?? $"{{{{{upper}}}}} is not a field this message can fill.";
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static MergeTagProblem ProblemAt(string source, int index, string message)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new MergeTagProblem(line, index - lineStart + 1, message);
    }

    /// <summary>
    /// Fills the fields from <paramref name="values"/>; an empty or missing value gives the field's fallback (or
    /// nothing). Values are encoded straight into a pooled buffer, so the result string is the only allocation.
    /// </summary>
    public string Render(MergeValues values, MergeEncoding encoding)
    {
        if (_fieldCount == 0) return _source;
        var buffer = ArrayPool<char>.Shared.Rent(_source.Length * 2 + 256);
        var written = 0;
        try
        {
            foreach (ref readonly var part in _parts.AsSpan())
            {
                if (part.Tag is null)
                {
                    Append(ref buffer, ref written, _source.AsSpan(part.Start, part.Length));
                    continue;
                }
                var value = values.Get(part.Tag);
                if (string.IsNullOrEmpty(value))
                    Append(ref buffer, ref written, encoding == MergeEncoding.Html ? part.HtmlFallback : part.PlainFallback);
                else if (encoding == MergeEncoding.Html)
                    AppendHtml(ref buffer, ref written, value);
                else
                    Append(ref buffer, ref written, value);
            }
            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static void Append(ref char[] buffer, ref int written, ReadOnlySpan<char> text)
    {
        if (written + text.Length > buffer.Length) Grow(ref buffer, written + text.Length);
        text.CopyTo(buffer.AsSpan(written));
        written += text.Length;
    }

    /// <summary>Encodes a value; its line breaks become &lt;br&gt; so a multi-line value (a message) keeps its lines.</summary>
    private static void AppendHtml(ref char[] buffer, ref int written, ReadOnlySpan<char> value)
    {
        var first = true;
        foreach (var range in value.Split('\n'))
        {
            if (!first) Append(ref buffer, ref written, "<br>\n");
            first = false;
            var line = value[range];
            AppendEncoded(ref buffer, ref written, line.EndsWith('\r') ? line[..^1] : line);
        }
    }

    private static void AppendEncoded(ref char[] buffer, ref int written, ReadOnlySpan<char> value)
    {
        while (true)
        {
            var status = Html.Encode(value, buffer.AsSpan(written), out var consumed, out var produced, isFinalBlock: true);
            written += produced;
            if (status == OperationStatus.Done) return;
            value = value[consumed..];
            Grow(ref buffer, written + value.Length * 8 + 16);
        }
    }

    private static void Grow(ref char[] buffer, int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan().CopyTo(larger);
        ArrayPool<char>.Shared.Return(buffer);
        buffer = larger;
    }
}

/// <summary>The outcome of parsing: a template, or the problems found (never both).</summary>
public sealed record MergeTemplateParse(MergeTemplate? Template, IReadOnlyList<MergeTagProblem> Problems)
{
    public bool Succeeded => Template is not null;
}
