using CustomerPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPortal.Tests.Insights;

/// <summary>
/// A database from before Insights kept its facts on the rows gets them worked out by the migration: when each customer
/// joined the portal, and which staff reply answered which wait.
/// </summary>
[Trait("Database", "SqliteOnly")]
public sealed class InsightsFactsMigrationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cp-insights-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Upgrade_StoredRegistrationsAndMessages_GetTheirJoinAndAnsweredWaitTimes()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={_file}").UseProviderMigrations().Options;
        await using (var db = new PortalDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261203235626_ThreadWaitingSince");
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            foreach (var id in new[] { 1, 2, 3 }) await LegacyRows.InsertAsync(connection, "Customers", new() { ["Id"] = id, ["PortalIdentifier"] = $"c{id}" });
            // Customer 1: two registered users (the earlier one counts) and one still invited; customer 2: invited only.
            await PortalUserAsync(connection, 1, 1, "2026-05-04 10:00:00");
            await PortalUserAsync(connection, 2, 1, "2026-03-02 09:30:00");
            await PortalUserAsync(connection, 3, 1, null);
            await PortalUserAsync(connection, 4, 2, null);

            await LegacyRows.InsertAsync(connection, "MessageThreads", new() { ["Id"] = 10, ["CustomerId"] = 1, ["SubjectKind"] = "General" });
            await LegacyRows.InsertAsync(connection, "MessageThreads", new() { ["Id"] = 11, ["CustomerId"] = 3, ["SubjectKind"] = "General" });
            // Thread 10: a wait of two customer messages, a note, the reply; a staff message nobody waited for; a new wait
            // a system notice does not answer, answered later.
            await MessageAsync(connection, 100, 10, "Customer", "2026-06-01 08:00:00");
            await MessageAsync(connection, 101, 10, "Customer", "2026-06-01 08:05:00");
            await MessageAsync(connection, 102, 10, "Staff", "2026-06-01 08:10:00", internalNote: true);
            await MessageAsync(connection, 103, 10, "Staff", "2026-06-01 09:00:00");
            await MessageAsync(connection, 104, 10, "Staff", "2026-06-01 09:01:00");
            await MessageAsync(connection, 105, 10, "Customer", "2026-06-02 12:00:00");
            await MessageAsync(connection, 106, 10, "System", "2026-06-02 12:30:00");
            await MessageAsync(connection, 107, 10, "Staff", "2026-06-02 15:00:00");
            // Thread 11 (its ids between thread 10's would not change anything: each thread is read on its own).
            await MessageAsync(connection, 108, 11, "Staff", "2026-06-03 08:00:00");
            await MessageAsync(connection, 109, 11, "Customer", "2026-06-03 09:00:00");
            await MessageAsync(connection, 110, 11, "Staff", "2026-06-03 09:45:00");
            await MessageAsync(connection, 111, 11, "Customer", "2026-06-04 09:00:00");
        }

        await using var upgraded = new PortalDbContext(options);
        await upgraded.Database.MigrateAsync();

        var joined = await upgraded.Customers.OrderBy(c => c.Id).Select(c => c.PortalJoinedAtUtc).ToListAsync();
        Assert.Equal([new DateTime(2026, 3, 2, 9, 30, 0), null, null], joined);
        var answered = await upgraded.Messages.OrderBy(m => m.Id).Select(m => new { m.Id, m.AnsweredWaitSinceUtc }).ToListAsync();
        Assert.Equal(
            [
                (103L, new DateTime(2026, 6, 1, 8, 0, 0)),
                (107L, new DateTime(2026, 6, 2, 12, 0, 0)),
                (110L, new DateTime(2026, 6, 3, 9, 0, 0)),
            ],
            answered.Where(m => m.AnsweredWaitSinceUtc is not null).Select(m => (m.Id, m.AnsweredWaitSinceUtc!.Value)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static Task PortalUserAsync(SqliteConnection connection, int id, int customerId, string? registeredAtUtc) =>
        LegacyRows.InsertAsync(connection, "PortalUsers", new()
        {
            ["Id"] = id, ["CustomerId"] = customerId, ["Email"] = $"user{id}@example.test",
            ["Status"] = registeredAtUtc is null ? 0 : 1, ["RegisteredAtUtc"] = (object?)registeredAtUtc ?? DBNull.Value,
        });

    private static Task MessageAsync(SqliteConnection connection, long id, int threadId, string authorKind, string sentAtUtc, bool internalNote = false) =>
        LegacyRows.InsertAsync(connection, "Messages", new()
        {
            ["Id"] = id, ["ThreadId"] = threadId, ["AuthorKind"] = authorKind, ["SentAtUtc"] = sentAtUtc,
            ["IsInternalNote"] = internalNote ? 1 : 0, ["ClientMessageId"] = Guid.NewGuid().ToString().ToUpperInvariant(),
        });
}
