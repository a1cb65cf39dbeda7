using System.Globalization;
using System.Text;

namespace CustomerPortal.Core.Customers;

/// <summary>
/// The customer list's search: one stored lower-case, accent-free text per customer, matched by each word the user types.
/// Folding in .NET (not SQL lower()) keeps "Müller" findable as "muller" on SQLite, whose lower() knows only ASCII.
/// </summary>
public static class CustomerSearch
{
    public const int MaxTextLength = 800;
    private const int MaxTerms = 5;
    private const int MinPhoneDigits = 3;

    /// <summary>
    /// The stored search text: names, company, e-mail and the phone's digits. The list reads it for every customer on
    /// each search, so it stays short: the phone is kept once, as digits, which is also how a typed number is looked for.
    /// </summary>
    public static string TextFor(string firstName, string lastName, string companyName, string email, string phone)
    {
        var text = Fold(string.Join(' ', firstName, lastName, companyName, email, Digits(phone)));
        return text.Length <= MaxTextLength ? text : text[..MaxTextLength];
    }

    /// <summary>
    /// The words to look for, folded like the stored text. A phone number written with separators ("(555) 010-0100")
    /// becomes its digits, as the stored text holds it.
    /// </summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return [];
        var trimmed = query.Trim();
        if (IsPhoneLike(trimmed)) return [Digits(trimmed)];
        return Fold(trimmed)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => IsPhoneLike(word) ? Digits(word) : word)
            .Distinct()
            .Take(MaxTerms)
            .ToList();
    }

    /// <summary>
    /// The customers whose stored search text holds every word of <paramref name="query"/>: the one matching style of the
    /// staff list and every customer picker.
    /// </summary>
    public static IQueryable<Customer> Matching(this IQueryable<Customer> customers, string? query)
    {
        foreach (var term in Terms(query))
            customers = customers.Where(c => c.SearchText.Contains(term));
        return customers;
    }

    /// <summary>Lower case, accents removed, runs of white space made one space.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            builder.Append(char.ToLowerInvariant(c));
            lastWasSpace = false;
        }
        return builder.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }

    private static bool IsPhoneLike(string text) =>
        text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+' or '.' or '/')
        && text.Count(char.IsAsciiDigit) >= MinPhoneDigits;

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());
}
