namespace CustomerPortal.Core.Search;

/// <summary>
/// The staff search index on SQLite: one FTS5 table with the trigram tokenizer, kept by triggers on the tables it covers
/// (created in the migration StaffHomeInsightsSearch), so every write path keeps it current without code of its own.
/// A row's rowid is the record's id times 8 plus its kind's code.
/// </summary>
public static class SearchIndexKinds
{
    public const string Table = "SearchIndex";

    public const string Customer = "Customer";
    public const string Job = "Job";
    public const string Estimate = "Estimate";
    public const string Invoice = "Invoice";
    public const string Payment = "Payment";

    /// <summary>The tokenizer matches runs of three characters; a shorter query cannot use the index.</summary>
    public const int MinQueryLength = 3;
}
