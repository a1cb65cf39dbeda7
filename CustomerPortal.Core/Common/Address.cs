namespace CustomerPortal.Core.Common;

/// <summary>A postal address kept as a value: a job keeps the address it was done at even if the customer's changes.</summary>
public sealed record Address(string Line1, string Line2, string City, string Region, string PostalCode)
{
    public static readonly Address Empty = new("", "", "", "", "");

    public bool IsEmpty => string.IsNullOrWhiteSpace(Line1) && string.IsNullOrWhiteSpace(City);

    public string SingleLine =>
        string.Join(", ", new[] { Line1, Line2, City, $"{Region} {PostalCode}".Trim() }.Where(p => !string.IsNullOrWhiteSpace(p)));

    public override string ToString() => SingleLine;
}
