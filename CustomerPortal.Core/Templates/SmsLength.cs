namespace CustomerPortal.Core.Templates;

public enum SmsEncoding
{
    /// <summary>The GSM 03.38 alphabet: 160 characters in one message, 153 per part when split.</summary>
    Gsm7,

    /// <summary>Any character outside it (accents beyond the alphabet, emoji): 70 in one message, 67 per part.</summary>
    Ucs2,
}

/// <summary>How long a text message is: its encoding, its length in that encoding's units, and how many messages it is sent as.</summary>
public sealed record SmsLength(SmsEncoding Encoding, int Units, int Segments)
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>Characters that take two units in GSM-7 (an escape and the character).</summary>
    private const string Extended = "^{}\\[~]|€\f";

    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtendedSet = [.. Extended];

    public static SmsLength Of(string text)
    {
        text ??= "";
        var gsm = text.All(c => BasicSet.Contains(c) || ExtendedSet.Contains(c));
        // Each character's width in units; a part never splits an escape pair or a surrogate pair.
        var widths = gsm
            ? text.Select(c => ExtendedSet.Contains(c) ? 2 : 1).ToArray()
            : UnitsOfUcs2(text);
        var units = widths.Sum();
        var (single, part) = gsm ? (160, 153) : (70, 67);
        if (units <= single) return new SmsLength(gsm ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2, units, units == 0 ? 0 : 1);
        var segments = 1;
        var used = 0;
        foreach (var width in widths)
        {
            if (used + width > part)
            {
                segments++;
                used = 0;
            }
            used += width;
        }
        return new SmsLength(gsm ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2, units, segments);
    }

    private static int[] UnitsOfUcs2(string text)
    {
        var widths = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                widths.Add(2);
                i++;
            }
            else
            {
                widths.Add(1);
            }
        }
        return [.. widths];
    }
}
