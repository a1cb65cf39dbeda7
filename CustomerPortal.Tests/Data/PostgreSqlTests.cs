using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Data;

/// <summary>
/// The PostgreSQL migrations on a real server, and the writes that on SQLite are kept apart by its single writer, done
/// at the same moment on PostgreSQL: document numbers, payments on one invoice, messages in one thread.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
[Trait("Database", "OwnServer")]
public sealed class PostgreSqlTests(PostgreSqlFixture postgres)
{
    [Fact]
    public async Task Migrations_OnAnEmptyDatabase_ApplyEveryOneAndMatchTheModel()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(await postgres.Server.CreateDatabaseAsync()).UseProviderMigrations().Options;
        await using var db = new PortalDbContext(options);

        await db.Database.MigrateAsync();

        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.All(migrations, id => Assert.DoesNotContain(id, SqliteMigrations()));
        Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync());
        // A model change without a PostgreSQL migration fails here (and its SQLite twin in DatabaseStartupTests).
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Equal(6, await db.DocumentNumberSequences.CountAsync());
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("Sqlite")]
    public async Task MoneyAndTimes_ReadBack_TheSameOnBothDatabases(string provider)
    {
        await using var core = provider == "Sqlite" ? await CoreServices.StartAsync() : await postgres.StartCoreAsync();
        // PostgreSQL keeps microseconds, .NET ticks are tenths of them: every time is stored to the microsecond on both.
        var at = new DateTime(2026, 3, 10, 15, 4, 5, DateTimeKind.Utc).AddTicks(1_234_567);
        int invoiceId;
        long auditId;
        await using (var db = await core.DbAsync())
        {
            var customer = await TestRecords.CustomerAsync(db);
            invoiceId = (await TestRecords.SentInvoiceAsync(db, customer.Id, 1234.56m)).Id;
            var audit = new AuditEvent(at, CoreServices.Staff, "test.round-trip", "Invoice", invoiceId.ToString(), customer.Id, "");
            db.AuditEvents.Add(audit);
            await db.SaveChangesAsync();
            auditId = audit.Id;
        }

        await using var read = await core.DbAsync();
        var invoice = await read.Invoices.SingleAsync(i => i.Id == invoiceId);
        Assert.Equal((1234.56m, 1234.56m), (invoice.Total, invoice.AmountDue));
        var stored = await read.AuditEvents.SingleAsync(a => a.Id == auditId);
        Assert.Equal(DateTimeKind.Utc, stored.AtUtc.Kind);
        Assert.Equal(at.AddTicks(-7), stored.AtUtc);
        Assert.Equal(1, await read.AuditEvents.CountAsync(a => a.AtUtc == at.AddTicks(-7)));
    }

    [Fact]
    public async Task DocumentNumbers_FortyTakenAtOnce_AreFortyDifferentNumbersInARow()
    {
        await using var core = await postgres.StartCoreAsync();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await Task.Yield();
            await using var db = await core.DbAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Invoice, default);
            await transaction.CommitAsync();
            return int.Parse(number["INV-".Length..]);
        }));

        Assert.Equal(Enumerable.Range(numbers.Min(), 40), numbers.Order());
    }

    [Fact]
    public async Task Payments_TwoForTheWholeInvoiceAtOnce_OnlyOneIsKept()
    {
        await using var core = await postgres.StartCoreAsync();
        var (customerId, invoiceId) = await InvoiceAsync(core, 100m);
        var payments = core.Get<PaymentService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            await Task.Yield();
            return await payments.RecordAsync(CoreServices.Staff, Payment(core, customerId, invoiceId, 100m, i), default);
        }));

        Assert.Single(results, r => r.Succeeded);
        var refused = Assert.Single(results, r => !r.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        await using var db = await core.DbAsync();
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        Assert.Equal((100m, InvoiceStatus.Paid), (invoice.AmountPaid, invoice.Status));
        Assert.Single(await db.Payments.ToListAsync());
        Assert.Equal(100m, await db.PaymentAllocations.SumAsync(a => a.Amount));
    }

    [Fact]
    public async Task Payments_FivePartsAtOnce_AreAllKeptAndAddUp()
    {
        await using var core = await postgres.StartCoreAsync();
        var (customerId, invoiceId) = await InvoiceAsync(core, 100m);
        var payments = core.Get<PaymentService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(async i =>
        {
            await Task.Yield();
            return await payments.RecordAsync(CoreServices.Staff, Payment(core, customerId, invoiceId, 20m, i), default);
        }));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        await using var db = await core.DbAsync();
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        Assert.Equal((100m, 0m, InvoiceStatus.Paid), (invoice.AmountPaid, invoice.AmountDue, invoice.Status));
        Assert.Equal(5, (await db.Payments.Select(p => p.Number).Distinct().ToListAsync()).Count);
    }

    [Fact]
    public async Task Messages_TwentyPostedAtOnceInOneThread_AreAllStoredInOneOrderAndTheThreadKnowsTheLast()
    {
        await using var kit = await MessagingKit.StartAsync(await postgres.NewDatabaseSettingsAsync());
        var (staff, customer, threadId) = await kit.ThreadWithPeopleAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await Task.Yield();
            return await kit.Messaging.PostAsync(i % 2 == 0 ? staff : customer, new PostMessage(threadId, Guid.NewGuid(), $"Message {i}"), default);
        }));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        await using var db = await kit.Core.DbAsync();
        var stored = await db.Messages.Where(m => m.ThreadId == threadId).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(20, stored.Select(m => m.Body).Distinct().Count());
        var thread = await db.MessageThreads.SingleAsync(t => t.Id == threadId);
        Assert.Equal(stored[^1].Id, thread.LastMessageId);
        Assert.Equal(stored.Last(m => m.AuthorKind == MessageAuthorKind.Customer).Id, thread.LastCustomerMessageId);
    }

    [Theory]
    [InlineData("Customers", "SearchText", "IX_Customers_SearchText_Trigram")]
    [InlineData("Jobs", "Title", "IX_Jobs_Title_Trigram")]
    [InlineData("Invoices", "Number", "IX_Invoices_Number_Trigram")]
    public async Task StaffSearch_ItsILikeMatches_AreAnsweredByTheTrigramIndexes(string table, string column, string index)
    {
        await using var core = await postgres.StartCoreAsync();
        await using (var db = await core.DbAsync())
        {
            var customer = await TestRecords.CustomerAsync(db, "Heaterman");
            await TestRecords.JobAsync(db, customer.Id, "Water heater swap", core.Clock.Now.UtcDateTime);
            var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 80m);
            var found = await core.Get<Core.Search.StaffSearchService>().SearchAsync(CoreServices.Staff, "heater", default);
            Assert.Contains(found.Value!.Groups, g => g.Kind == Core.Search.StaffSearchKind.Job);
            Assert.Contains(found.Value!.Groups, g => g.Kind == Core.Search.StaffSearchKind.Customer);
            found = await core.Get<Core.Search.StaffSearchService>().SearchAsync(CoreServices.Staff, invoice.Number[4..], default);
            Assert.Contains(found.Value!.Groups, g => g.Kind == Core.Search.StaffSearchKind.Invoice);
        }

        // A handful of rows would be read in full anyway, so the planner is told not to; the plan must then use the index.
        await using var plan = await core.DbAsync();
        await plan.Database.OpenConnectionAsync();
        await plan.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        await using var command = plan.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"EXPLAIN SELECT \"Id\" FROM \"{table}\" WHERE \"{column}\" ILIKE '%eat%' ESCAPE '\\'";
        var explained = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) explained.Add(reader.GetString(0));
        Assert.Contains(explained, line => line.Contains(index, StringComparison.Ordinal));
    }

    private static IReadOnlySet<string> SqliteMigrations()
    {
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").UseProviderMigrations().Options);
        return db.Database.GetMigrations().ToHashSet();
    }

    private static async Task<(int CustomerId, int InvoiceId)> InvoiceAsync(CoreServices core, decimal amount)
    {
        await using var db = await core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        return (customer.Id, (await TestRecords.SentInvoiceAsync(db, customer.Id, amount)).Id);
    }

    private static RecordPaymentInput Payment(CoreServices core, int customerId, int invoiceId, decimal amount, int n) =>
        new(customerId, PaymentMethod.Check, amount, DateOnly.FromDateTime(core.Clock.Now.UtcDateTime.AddHours(-5)), $"Check {n}", "",
            [AllocationInput.ToInvoice(invoiceId, amount)]);
}
