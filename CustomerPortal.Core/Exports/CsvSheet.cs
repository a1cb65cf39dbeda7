using System.Globalization;
using CsvHelper;
using CustomerPortal.Core.Company;

namespace CustomerPortal.Core.Exports;

/// <summary>
/// The columns of one CSV export and the writer that streams rows into them. Text cells carry people's words; any that
/// starts like a formula (=, +, -, @, tab, carriage return) gets a leading apostrophe so a spreadsheet shows it as text
/// (<see cref="Options"/>: the one place this is decided). Number, money and date cells are written as typed values, which
/// that rule leaves alone, so a negative amount stays a number a spreadsheet can add up.
/// </summary>
public sealed class CsvSheet<TRow>(CompanySettings company)
{
    /// <summary>Rows written between two flushes to the output: what a slow client holds back at most.</summary>
    internal const int RowsPerChunk = 500;

    /// <summary>
    /// RFC 4180 with CRLF, UTF-8 with a byte-order mark (so Excel reads accents), invariant numbers and dates, and
    /// CsvHelper's formula neutralising (OWASP's characters, escaped with an apostrophe), which applies to text cells only.
    /// </summary>
    internal static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private readonly List<(string Header, Action<CsvWriter, TRow> Write)> _columns = [];

    public CsvSheet<TRow> Text(string header, Func<TRow, string?> value) => Add(header, (csv, row) => csv.WriteField(value(row) ?? ""));

    public CsvSheet<TRow> Number(string header, Func<TRow, int?> value) => Add(header, (csv, row) => csv.WriteField(value(row), ""));

    /// <summary>An amount as a plain number with a dot for decimals ("-12.50"); the company currency goes in the header ("Total (USD)").</summary>
    public CsvSheet<TRow> Money(string header, Func<TRow, decimal> value) =>
        Add($"{header} ({company.Currency})", (csv, row) => csv.WriteField(value(row), "0.00##"));

    /// <summary>A calendar day as yyyy-MM-dd.</summary>
    public CsvSheet<TRow> Date(string header, Func<TRow, DateOnly?> value) => Add(header, (csv, row) => csv.WriteField(value(row), "yyyy-MM-dd"));

    /// <summary>A UTC time as yyyy-MM-dd HH:mm in the company's time zone, which the header names.</summary>
    public CsvSheet<TRow> Time(string header, Func<TRow, DateTime?> utc) =>
        Add($"{header} ({company.TimeZone.Id})", (csv, row) => csv.WriteField(utc(row) is { } at ? company.ToLocal(at) : (DateTime?)null, "yyyy-MM-dd HH:mm"));

    public CsvSheet<TRow> YesNo(string header, Func<TRow, bool> value) => Add(header, (csv, row) => csv.WriteField(value(row) ? "Yes" : "No"));

    /// <summary>
    /// Writes the header and then each row as it arrives, handing the output what it has every <see cref="RowsPerChunk"/>
    /// rows (and whenever the writer's buffer fills), so a long export holds one chunk in memory, never the whole file.
    /// Writes only asynchronously (a response body refuses synchronous writes). The output stays open.
    /// </summary>
    public async Task WriteAsync(Stream output, IAsyncEnumerable<TRow> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        csv.WriteHeader(_columns.Select(c => c.Header).ToArray());
        await csv.FlushAsync(ct);

        var written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var (_, write) in _columns) write(csv, row);
            await csv.EndRecordAsync(ct);
            if (++written % RowsPerChunk == 0) await csv.FlushAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private CsvSheet<TRow> Add(string header, Action<CsvWriter, TRow> write)
    {
        _columns.Add((header, write));
        return this;
    }
}
