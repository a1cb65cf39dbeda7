using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace CustomerPortal.Core.Data;

/// <summary>
/// Writes tracked entities' changes as plain statements on the context's connection and transaction, for a busy path
/// where SaveChanges costs several times the statements themselves. Save interceptors do not run: a caller whose changes
/// one of them watches calls it itself (see <see cref="Insights.InsightsChangeMarker.MarkAsync"/>). Afterwards the
/// entities are tracked as unchanged, so a later SaveChanges writes only what changed since.
/// </summary>
internal static class DirectWrites
{
    /// <summary>Inserts an added entity and gives it the key the store made.</summary>
    public static async Task InsertAsync(PortalDbContext db, EntityEntry entry, CancellationToken ct)
    {
        var key = entry.Property(entry.Metadata.FindPrimaryKey()!.Properties.Single().Name);
        var columns = entry.Properties.Where(p => p.Metadata != key.Metadata).ToList();
        await using var command = Command(db);
        var values = columns.Select(p => Parameter(command, p)).ToList();
        command.CommandText = $"INSERT INTO \"{entry.Metadata.GetTableName()}\" ({string.Join(", ", columns.Select(Column))}) " +
            $"VALUES ({string.Join(", ", values)}) RETURNING {Column(key)}";
        var id = await command.ExecuteScalarAsync(ct);
        key.CurrentValue = Convert.ChangeType(id, key.Metadata.ClrType);
        key.IsTemporary = false;
        Accept(entry);
    }

    /// <summary>Writes the changed properties of modified entities in one batch of UPDATE statements.</summary>
    public static async Task UpdateAsync(PortalDbContext db, IReadOnlyList<EntityEntry> entries, CancellationToken ct)
    {
        var modified = entries.Where(e => e.State == EntityState.Modified).ToList();
        if (modified.Count == 0) return;
        await using var command = Command(db);
        var sql = new StringBuilder();
        foreach (var entry in modified)
        {
            var key = entry.Property(entry.Metadata.FindPrimaryKey()!.Properties.Single().Name);
            sql.Append($"UPDATE \"{entry.Metadata.GetTableName()}\" SET ")
                .AppendJoin(", ", entry.Properties.Where(p => p.IsModified).Select(p => $"{Column(p)} = {Parameter(command, p)}"))
                .Append($" WHERE {Column(key)} = {Parameter(command, key)};\n");
        }
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct);
        foreach (var entry in modified) Accept(entry);
    }

    private static DbCommand Command(PortalDbContext db)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Direct writes run inside the caller's transaction.");
        return command;
    }

    private static string Column(PropertyEntry property) => $"\"{property.Metadata.GetColumnName()}\"";

    /// <summary>A parameter made by the property's own type mapping, so it is stored exactly as EF stores it (converters, Guid text on SQLite).</summary>
    private static string Parameter(DbCommand command, PropertyEntry property)
    {
        var name = "@p" + command.Parameters.Count;
        command.Parameters.Add(property.Metadata.GetRelationalTypeMapping().CreateParameter(command, name, property.CurrentValue, property.Metadata.IsNullable));
        return name;
    }

    private static void Accept(EntityEntry entry)
    {
        entry.OriginalValues.SetValues(entry.CurrentValues);
        entry.State = EntityState.Unchanged;
    }
}
