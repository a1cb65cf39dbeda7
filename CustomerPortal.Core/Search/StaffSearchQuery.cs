using System.Text.RegularExpressions;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;

namespace CustomerPortal.Core.Search;

/// <summary>
/// What a staff member typed, made ready for the index: folded and split like the customer list's search
/// (<see cref="CustomerSearch.Terms"/>: "(555) 010-0100" becomes its digits), terms too short for the trigram index left out.
/// </summary>
public sealed partial record StaffSearchQuery(IReadOnlyList<string> Terms, string? Message)
{
    public const string TooShortMessage = "Type at least 3 characters to search.";

    public static StaffSearchQuery Parse(string? text)
    {
        var all = CustomerSearch.Terms(text);
        if (all.Count == 0) return new([], null);
        var usable = all.Where(t => t.Length >= SearchIndexKinds.MinQueryLength).ToList();
        // A short word beside a long one is dropped; alone it would need a scan of everything, so the user is asked for more.
        return usable.Count > 0 ? new(usable, null) : new([], TooShortMessage);
    }

    public bool CanSearch => Terms.Count > 0;

    /// <summary>
    /// The FTS5 query: each term a quoted string (quotes doubled), so nothing the user types is FTS5 syntax, and the terms
    /// side by side, which FTS5 reads as AND.
    /// </summary>
    public string MatchExpression => string.Join(' ', Terms.Select(t => "\"" + t.Replace("\"", "\"\"") + "\""));

    /// <summary>The kind and number when the query is exactly one document number ("inv-1042"), written as stored ("INV-1042").</summary>
    public (StaffSearchKind Kind, string Number)? ExactNumber
    {
        get
        {
            if (Terms.Count != 1) return null;
            var match = NumberPattern().Match(Terms[0]);
            if (!match.Success) return null;
            var prefix = match.Groups[1].Value.ToUpperInvariant();
            StaffSearchKind? kind = prefix switch
            {
                DocumentPrefixes.Job => StaffSearchKind.Job,
                DocumentPrefixes.Estimate => StaffSearchKind.Estimate,
                DocumentPrefixes.Invoice => StaffSearchKind.Invoice,
                DocumentPrefixes.Payment => StaffSearchKind.Payment,
                _ => null,
            };
            return kind is { } k ? (k, $"{prefix}-{match.Groups[2].Value}") : null;
        }
    }

    [GeneratedRegex("^([a-z]{3})-([0-9]{1,12})$")]
    private static partial Regex NumberPattern();
}
