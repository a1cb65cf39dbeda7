using System.Globalization;
using System.Text;

namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>
/// The parts of the Unicode Bidirectional Algorithm (UAX #9) a document line needs: the paragraph direction (P2, P3),
/// the resolved level of every character (W1-W7, N1-N2, I1-I2, L1) and the display order of runs (L2). .NET has no
/// public bidi API. Explicit embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are ignored like other
/// format characters: portal text is typed by people, not built from nested directional markup. Mirrored brackets (L4)
/// are drawn by HarfBuzz, which mirrors in right-to-left runs.
/// </summary>
internal static class Bidi
{
    internal enum Class : byte { L, R, AL, EN, ES, ET, AN, CS, NSM, BN, B, S, WS, ON }

    /// <summary>0 when the first strong character is left-to-right (or there is none), 1 when it is right-to-left.</summary>
    public static int ParagraphLevel(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var type = Classify(rune.Value);
            if (type == Class.L) return 0;
            if (type is Class.R or Class.AL) return 1;
        }
        return 0;
    }

    /// <summary>The resolved embedding level of each UTF-16 unit of one line (a surrogate pair shares its level).</summary>
    public static byte[] Levels(string text, int paragraphLevel)
    {
        var levels = new byte[text.Length];
        if (text.Length == 0) return levels;

        // One entry per code point; BN (format characters) are left out as rule X9 says and get a level at the end.
        var starts = new List<int>(text.Length);
        var types = new List<Class>(text.Length);
        var original = new List<Class>(text.Length);
        var all = new Class[text.Length];
        for (var i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            var type = Classify(rune.Value);
            for (var j = 0; j < rune.Utf16SequenceLength; j++) all[i + j] = type;
            if (type != Class.BN)
            {
                starts.Add(i);
                types.Add(type);
                original.Add(type);
            }
            i += rune.Utf16SequenceLength;
        }

        var count = types.Count;
        var sos = paragraphLevel % 2 == 0 ? Class.L : Class.R;

        // W1: a non-spacing mark takes the type of the character before it.
        for (var i = 0; i < count; i++)
            if (types[i] == Class.NSM) types[i] = i == 0 ? sos : types[i - 1];

        // W2: European digits after Arabic letters are Arabic digits. W3: Arabic letters are R.
        var lastStrong = sos;
        for (var i = 0; i < count; i++)
        {
            if (types[i] is Class.L or Class.R or Class.AL) lastStrong = types[i];
            else if (types[i] == Class.EN && lastStrong == Class.AL) types[i] = Class.AN;
        }
        for (var i = 0; i < count; i++)
            if (types[i] == Class.AL) types[i] = Class.R;

        // W4: one separator between two numbers of the same kind joins them.
        for (var i = 1; i < count - 1; i++)
        {
            if (types[i] == Class.ES && types[i - 1] == Class.EN && types[i + 1] == Class.EN) types[i] = Class.EN;
            else if (types[i] == Class.CS && types[i - 1] == Class.EN && types[i + 1] == Class.EN) types[i] = Class.EN;
            else if (types[i] == Class.CS && types[i - 1] == Class.AN && types[i + 1] == Class.AN) types[i] = Class.AN;
        }

        // W5: terminators (currency, percent) next to European digits belong to the number.
        for (var i = 0; i < count; i++)
        {
            if (types[i] != Class.ET) continue;
            var end = i;
            while (end < count && types[end] == Class.ET) end++;
            var touchesNumber = (i > 0 && types[i - 1] == Class.EN) || (end < count && types[end] == Class.EN);
            for (var j = i; j < end; j++) types[j] = touchesNumber ? Class.EN : Class.ON;
            i = end - 1;
        }

        // W6: other separators and terminators are neutral. W7: European digits after L text are L.
        for (var i = 0; i < count; i++)
            if (types[i] is Class.ES or Class.ET or Class.CS) types[i] = Class.ON;
        lastStrong = sos;
        for (var i = 0; i < count; i++)
        {
            if (types[i] is Class.L or Class.R) lastStrong = types[i];
            else if (types[i] == Class.EN && lastStrong == Class.L) types[i] = Class.L;
        }

        // N1, N2: neutrals between two strong types of one direction take it (numbers count as R); others the paragraph's.
        for (var i = 0; i < count; i++)
        {
            if (!IsNeutral(types[i])) continue;
            var end = i;
            while (end < count && IsNeutral(types[end])) end++;
            var before = i == 0 ? sos : StrongDirection(types[i - 1]);
            var after = end == count ? sos : StrongDirection(types[end]);
            var resolved = before == after ? before : sos;
            for (var j = i; j < end; j++) types[j] = resolved;
            i = end - 1;
        }

        // I1, I2: implicit levels.
        var resolvedLevels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var level = paragraphLevel;
            if (level % 2 == 0) level += types[i] switch { Class.R => 1, Class.AN or Class.EN => 2, _ => 0 };
            else if (types[i] is Class.L or Class.EN or Class.AN) level += 1;
            resolvedLevels[i] = (byte)level;
        }

        // L1: whitespace at the end of the line (and before tabs) goes back to the paragraph level.
        var trailing = true;
        for (var i = count - 1; i >= 0; i--)
        {
            if (original[i] is Class.S or Class.B) { resolvedLevels[i] = (byte)paragraphLevel; trailing = true; }
            else if (trailing && original[i] == Class.WS) resolvedLevels[i] = (byte)paragraphLevel;
            else trailing = false;
        }

        // Format characters (left out above) take the level of the character before them, the paragraph's at the start.
        var next = 0;
        for (var j = 0; j < text.Length; j++)
        {
            if (all[j] == Class.BN) levels[j] = j == 0 ? (byte)paragraphLevel : levels[j - 1];
            else
            {
                while (next + 1 < count && starts[next + 1] <= j) next++;
                levels[j] = resolvedLevels[next];
            }
        }
        return levels;
    }

    /// <summary>
    /// L2: the display order (left to right) of runs with the given levels. From the highest level down to the lowest
    /// odd one, every stretch of runs at that level or above is reversed.
    /// </summary>
    public static int[] VisualOrder(IReadOnlyList<int> levels)
    {
        var order = Enumerable.Range(0, levels.Count).ToArray();
        if (levels.Count == 0) return order;
        var highest = levels.Max();
        var lowestOdd = levels.Where(l => l % 2 == 1).DefaultIfEmpty(highest + 1).Min();
        for (var level = highest; level >= lowestOdd; level--)
        {
            for (var i = 0; i < order.Length; i++)
            {
                if (levels[order[i]] < level) continue;
                var end = i;
                while (end < order.Length && levels[order[end]] >= level) end++;
                Array.Reverse(order, i, end - i);
                i = end;
            }
        }
        return order;
    }

    private static bool IsNeutral(Class type) => type is Class.B or Class.S or Class.WS or Class.ON;

    private static Class StrongDirection(Class type) => type is Class.L ? Class.L : Class.R;

    /// <summary>The bidi class of a code point, from its block and general category (enough for document text).</summary>
    internal static Class Classify(int c)
    {
        switch (c)
        {
            case '\n' or 0x2029 or 0x1C or 0x1D or 0x1E or 0x85: return Class.B;
            case '\t' or 0x0B or 0x1F: return Class.S;
            case ' ' or 0x0C or 0x1680 or 0x2028 or 0x205F or 0x3000 or (>= 0x2000 and <= 0x200A): return Class.WS;
            case >= '0' and <= '9' or 0xB2 or 0xB3 or 0xB9 or (>= 0x06F0 and <= 0x06F9) or 0x2070 or (>= 0x2074 and <= 0x2079)
                or (>= 0x2080 and <= 0x2089) or (>= 0xFF10 and <= 0xFF19) or (>= 0x1D7CE and <= 0x1D7FF) or (>= 0x1F100 and <= 0x1F10A):
                return Class.EN;
            case '+' or '-' or 0x207A or 0x207B or 0x208A or 0x208B or 0xFB29 or 0xFE62 or 0xFE63 or 0xFF0B or 0xFF0D: return Class.ES;
            case '#' or '$' or '%' or (>= 0xA2 and <= 0xA5) or 0xB0 or 0xB1 or 0x0609 or 0x060A or 0x066A or (>= 0x2030 and <= 0x2034)
                or 0x212E or 0x2213 or 0xFE5F or 0xFE69 or 0xFE6A or (>= 0xFF03 and <= 0xFF05) or 0xFFE0 or 0xFFE1 or 0xFFE5 or 0xFFE6:
                return Class.ET;
            case ',' or '.' or '/' or ':' or 0xA0 or 0x060C or 0x202F or 0x2044 or 0xFE50 or 0xFE52 or 0xFE55 or 0xFF0C or 0xFF0E or 0xFF0F or 0xFF1A:
                return Class.CS;
            case (>= 0x0600 and <= 0x0605) or (>= 0x0660 and <= 0x0669) or 0x066B or 0x066C or 0x06DD or 0x0890 or 0x0891 or 0x08E2
                or (>= 0x10E60 and <= 0x10E7E):
                return Class.AN;
            case 0x200E: return Class.L;
            case 0x200F: return Class.R;
            case 0x061C: return Class.AL;
        }

        var category = c <= 0x10FFFF ? CharUnicodeInfo.GetUnicodeCategory(c) : UnicodeCategory.OtherNotAssigned;
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) return Class.NSM;
        if (category == UnicodeCategory.Format || (category == UnicodeCategory.Control && c != '\r')) return Class.BN;
        if (category == UnicodeCategory.CurrencySymbol) return Class.ET;

        var rtl = RightToLeftBlock(c);
        if (rtl != Class.L) return rtl;
        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.LetterNumber or UnicodeCategory.PrivateUse => Class.L,
            UnicodeCategory.DecimalDigitNumber => Class.L,
            UnicodeCategory.OtherNumber => Class.ON,
            UnicodeCategory.SpaceSeparator => Class.WS,
            UnicodeCategory.LineSeparator => Class.WS,
            UnicodeCategory.ParagraphSeparator => Class.B,
            UnicodeCategory.OtherNotAssigned => Class.L,
            _ => Class.ON, // punctuation, symbols, emoji
        };
    }

    /// <summary>R or AL for the right-to-left scripts' blocks (Hebrew, Arabic, Syriac, Thaana, N'Ko...), else L.</summary>
    private static Class RightToLeftBlock(int c) => c switch
    {
        >= 0x0590 and <= 0x05FF => Class.R,
        >= 0x0600 and <= 0x074F => Class.AL,
        >= 0x0750 and <= 0x07BF => Class.AL,
        >= 0x07C0 and <= 0x085F => Class.R,
        >= 0x0860 and <= 0x08FF => Class.AL,
        >= 0xFB1D and <= 0xFB4F => Class.R,
        >= 0xFB50 and <= 0xFDFF => Class.AL,
        >= 0xFE70 and <= 0xFEFF => Class.AL,
        >= 0x10800 and <= 0x10FFF => Class.R,
        >= 0x1E800 and <= 0x1EDFF => Class.R,
        >= 0x1EE00 and <= 0x1EEFF => Class.AL,
        _ => Class.L,
    };
}
