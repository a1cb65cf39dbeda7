using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CustomerPortal.Core.Data;

/// <summary>
/// Writes tracked entities' changes as plain statements on the context's connection and transaction, for a busy path
/// where SaveChanges costs several times the statements themselves. Save interceptors do not run: a caller whose changes
/// one of them watches calls it itself (see <see cref="Insights.InsightsChangeMarker.MarkAsync"/>). Afterwards the
/// entities are tracked as unchanged, so a later SaveChanges writes only what changed since.
/// The statements are made once per entity type (and, for updates, per set of changed columns) and kept: reading the
/// model's names and type mappings on every write cost more than the write.
/// </summary>
internal static class DirectWrites
{
    private static readonly ConcurrentDictionary<IEntityType, Statement> Inserts = new();
    private static readonly ConcurrentDictionary<(IEntityType, string), Statement> Updates = new();

    /// <summary>Inserts an added entity and gives it the key the store made.</summary>
    public static async Task InsertAsync(PortalDbContext db, EntityEntry entry, CancellationToken ct)
    {
        var statement = Inserts.GetOrAdd(entry.Metadata, InsertOf);
        await using var command = Command(db, statement, entry);
        var key = entry.Property(statement.Key!);
        var id = await command.ExecuteScalarAsync(ct);
        key.CurrentValue = Convert.ChangeType(id, statement.Key!.ClrType);
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
            var changed = entry.Metadata.GetProperties().Where(p => entry.Property(p).IsModified).ToList();
            var statement = Updates.GetOrAdd((entry.Metadata, string.Join(',', changed.Select(p => p.Name))), _ => UpdateOf(entry.Metadata, changed));
            sql.Append(statement.Sql.Replace("@p", $"@u{command.Parameters.Count}_", StringComparison.Ordinal));
            AddParameters(command, statement, entry, $"@u{command.Parameters.Count}_");
        }
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct);
        foreach (var entry in modified) Accept(entry);
    }

    /// <summary>One statement with its parameters, in order: the values of <see cref="Properties"/>, named @p0, @p1, ...</summary>
    private sealed record Statement(string Sql, IProperty[] Properties, RelationalTypeMapping[] Mappings, IProperty? Key);

    private static Statement InsertOf(IEntityType type)
    {
        var key = type.FindPrimaryKey()!.Properties.Single();
        var columns = type.GetProperties().Where(p => p != key).ToArray();
        var sql = $"INSERT INTO \"{type.GetTableName()}\" ({string.Join(", ", columns.Select(Column))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) RETURNING {Column(key)}";
        return new Statement(sql, columns, [.. columns.Select(p => p.GetRelationalTypeMapping())], key);
    }

    private static Statement UpdateOf(IEntityType type, IReadOnlyList<IProperty> changed)
    {
        var key = type.FindPrimaryKey()!.Properties.Single();
        IProperty[] properties = [.. changed, key];
        var sql = $"UPDATE \"{type.GetTableName()}\" SET {string.Join(", ", changed.Select((p, i) => $"{Column(p)} = @p{i}"))} " +
            $"WHERE {Column(key)} = @p{changed.Count};\n";
        return new Statement(sql, properties, [.. properties.Select(p => p.GetRelationalTypeMapping())], null);
    }

    private static DbCommand Command(PortalDbContext db, Statement? statement = null, EntityEntry? entry = null)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Direct writes run inside the caller's transaction.");
        if (statement is not null)
        {
            command.CommandText = statement.Sql;
            AddParameters(command, statement, entry!, "@p");
        }
        return command;
    }

    /// <summary>Parameters made by each property's own type mapping, so values are stored exactly as EF stores them (converters, Guid text on SQLite).</summary>
    private static void AddParameters(DbCommand command, Statement statement, EntityEntry entry, string prefix)
    {
        for (var i = 0; i < statement.Properties.Length; i++)
        {
            var property = statement.Properties[i];
            command.Parameters.Add(statement.Mappings[i].CreateParameter(command, prefix + i, entry.Property(property).CurrentValue, property.IsNullable));
        }
    }

    private static string Column(IProperty property) => $"\"{property.GetColumnName()}\"";

    private static void Accept(EntityEntry entry)
    {
        entry.OriginalValues.SetValues(entry.CurrentValues);
        entry.State = EntityState.Unchanged;
    }
}
