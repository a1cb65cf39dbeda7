using CsvHelper;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Exports;

namespace CustomerPortal.Tests.Exports;

/// <summary>An export read back with CsvHelper: its header and its rows.</summary>
public sealed record CsvFile(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows)
{
    /// <summary>Writes the export to memory and parses it; the file must start with a UTF-8 byte-order mark.</summary>
    public static async Task<CsvFile> OfAsync(Task<Result<CsvExport>> export)
    {
        var result = await export;
        Assert.True(result.Succeeded, result.Message);
        using var output = new MemoryStream();
        await result.Value!.WriteToAsync(output, CancellationToken.None);
        return Parse(output.ToArray());
    }

    public static CsvFile Parse(byte[] bytes)
    {
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "The file starts with a UTF-8 byte-order mark.");
        using var reader = CsvReader.Create(bytes.AsMemory(3), CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(reader.Current.ToArray());
        return new CsvFile(reader.Headers.ToArray(), rows);
    }

    public IReadOnlyList<string> Column(string header)
    {
        var index = Headers.ToList().IndexOf(header);
        Assert.True(index >= 0, $"No column '{header}' in: {string.Join(" | ", Headers)}");
        return Rows.Select(r => r[index]).ToList();
    }
}
