using Microsoft.Data.Sqlite;

namespace CustomerPortal.Tests.Support;

/// <summary>Rows written straight into a database migrated only part of the way, to test what a later migration does with them.</summary>
public static class LegacyRows
{
    /// <summary>Inserts a row giving every NOT NULL column without a default a plain value, and the given ones theirs.</summary>
    public static async Task InsertAsync(SqliteConnection connection, string table, Dictionary<string, object> values)
    {
        var columns = new List<(string Name, string Type)>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('{table}')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                if (reader.GetInt32(2) == 1 && reader.IsDBNull(3) || values.ContainsKey(reader.GetString(0))) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                             $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Count; i++)
        {
            var (name, type) = columns[i];
            insert.Parameters.AddWithValue($"$p{i}", values.TryGetValue(name, out var value) ? value
                : type == "INTEGER" ? 0
                : name.EndsWith("Utc", StringComparison.Ordinal) ? "2026-01-01 00:00:00" : "");
        }
        await insert.ExecuteNonQueryAsync();
    }
}
