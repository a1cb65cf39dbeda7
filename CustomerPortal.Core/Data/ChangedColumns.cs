using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CustomerPortal.Core.Data;

/// <summary>
/// Writes the changed properties of tracked entities as one batch of UPDATE statements, for a busy path where another
/// SaveChanges would cost several times the statements themselves. Save interceptors do not run, so it is only for
/// changes none of them watches, on entities that were saved or read before (not added or removed).
/// </summary>
internal static class ChangedColumns
{
    public static async Task UpdateAsync(PortalDbContext db, IReadOnlyList<EntityEntry> entries, CancellationToken ct)
    {
        var sql = new StringBuilder();
        var values = new List<object?>();
        string Parameter(PropertyEntry property)
        {
            var converter = property.Metadata.GetTypeMapping().Converter;
            values.Add(property.CurrentValue is { } value && converter is not null ? converter.ConvertToProvider(value) : property.CurrentValue);
            return $"{{{values.Count - 1}}}";
        }

        foreach (var entry in entries)
        {
            if (entry.State != EntityState.Modified) continue;
            var changed = entry.Properties.Where(p => p.IsModified).ToList();
            var key = entry.Property(entry.Metadata.FindPrimaryKey()!.Properties.Single().Name);
            sql.Append($"UPDATE \"{entry.Metadata.GetTableName()}\" SET ")
                .AppendJoin(", ", changed.Select(p => $"\"{p.Metadata.GetColumnName()}\" = {Parameter(p)}"))
                .Append($" WHERE \"{key.Metadata.GetColumnName()}\" = {Parameter(key)};\n");
        }
        if (sql.Length == 0) return;
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), values!, ct);
        foreach (var entry in entries)
        {
            entry.OriginalValues.SetValues(entry.CurrentValues);
            entry.State = EntityState.Unchanged;
        }
    }
}
