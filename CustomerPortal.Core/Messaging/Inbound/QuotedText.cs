using System.Text.RegularExpressions;
using CustomerPortal.Core.Templates;

namespace CustomerPortal.Core.Messaging.Inbound;

/// <summary>
/// The new text of an e-mail reply, without the earlier mail it quotes: lines quoted with '>' are dropped, and the text is
/// cut at the first reply header ("On … wrote:", also wrapped over lines; "-----Original Message-----"; Outlook's
/// "From: … Sent: …" block), signature delimiter ("-- ") or mobile signature ("Sent from my iPhone").
/// </summary>
public static partial class QuotedText
{
    /// <summary>The reply's own text from its plain-text part, or (without one) from its HTML part.</summary>
    public static string Reply(string? text, string? html)
    {
        if (!string.IsNullOrWhiteSpace(text)) return Strip(text);
        if (string.IsNullOrWhiteSpace(html)) return "";
        // Mail programs wrap the quoted mail in a blockquote or a marked container: everything from there on is old.
        var cut = HtmlQuoteStart().Match(html);
        return Strip(HtmlToText.Convert(cut.Success ? html[..cut.Index] : html));
    }

    public static string Strip(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\u00a0', ' ').Split('\n');
        var kept = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (StartsQuote(lines, i)) break;
            if (line.TrimStart().StartsWith('>')) continue;
            kept.Add(line);
        }
        var joined = string.Join('\n', kept).Trim('\n', ' ', '\t');
        return BlankLines().Replace(joined, "\n\n");
    }

    private static bool StartsQuote(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (line is "--" || lines[i] == "-- " || OriginalMessage().IsMatch(line) || MobileSignature().IsMatch(line) || Forwarded().IsMatch(line))
            return true;
        if (Wrote().IsMatch(line)) return true;
        // "On <date>, <name> <address>" wrapped by the mail program before "wrote:".
        if (WroteStart().IsMatch(line))
        {
            for (var next = i + 1; next < lines.Length && next <= i + 2; next++)
            {
                var following = lines[next].Trim();
                if (following.Length == 0) break;
                if (WroteEnd().IsMatch(following)) return true;
            }
        }
        // Outlook: a "From:" line followed closely by "Sent:" or "Date:" (sometimes under a line of underscores).
        if (OutlookFrom().IsMatch(line))
        {
            for (var next = i + 1; next < lines.Length && next <= i + 4; next++)
                if (OutlookSent().IsMatch(lines[next].Trim())) return true;
        }
        return line.Length >= 10 && line.All(c => c == '_') && i + 1 < lines.Length && OutlookFrom().IsMatch(lines[i + 1].Trim());
    }

    [GeneratedRegex(@"^(On|Le|Am|El|Op|Il)\s.*\d.*(wrote|a écrit|schrieb|escribió|schreef|ha scritto)\s*:$", RegexOptions.IgnoreCase)]
    private static partial Regex Wrote();

    [GeneratedRegex(@"^(On|Le|Am|El|Op|Il)\s.*\d", RegexOptions.IgnoreCase)]
    private static partial Regex WroteStart();

    [GeneratedRegex(@"(wrote|a écrit|schrieb|escribió|schreef|ha scritto)\s*:$", RegexOptions.IgnoreCase)]
    private static partial Regex WroteEnd();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\*?(From|De|Von|Van)\s*:\*?\s.+", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookFrom();

    [GeneratedRegex(@"^\*?(Sent|Date|Envoyé|Gesendet|Verzonden)\s*:\*?\s.+", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookSent();

    [GeneratedRegex(@"^(Sent from my (iPhone|iPad|Android|mobile)|Sent from (Mail|Outlook) for|Get Outlook for (iOS|Android))\b", RegexOptions.IgnoreCase)]
    private static partial Regex MobileSignature();

    [GeneratedRegex(@"^Begin forwarded message:$", RegexOptions.IgnoreCase)]
    private static partial Regex Forwarded();

    [GeneratedRegex(@"<blockquote\b|<div[^>]*\b(class|id)=""?(gmail_quote|gmail_attr|moz-cite-prefix|appendonsend|divRplyFwdMsg|yahoo_quoted|AppleOriginalContents)\b|<hr[^>]*\bid=""?stopSpelling",
        RegexOptions.IgnoreCase)]
    private static partial Regex HtmlQuoteStart();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
