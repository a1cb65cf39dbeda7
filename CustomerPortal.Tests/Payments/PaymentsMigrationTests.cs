using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Payments;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPortal.Tests.Payments;

/// <summary>A database from before the Payments migration keeps its company settings and payments meaningful after it.</summary>
[Trait("Database", "SqliteOnly")]
public sealed class PaymentsMigrationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cp-payments-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Upgrade_ExistingSettingsAndPayments_GetTheDefaultsNewOnesHave()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={_file}").UseProviderMigrations().Options;
        await using (var db = new PortalDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261203074053_Messaging");
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await LegacyRows.InsertAsync(connection, "CompanySettings", new() { ["Id"] = 1, ["Currency"] = "USD", ["AccentColor"] = "#1565C0" });
            await LegacyRows.InsertAsync(connection, "Customers", new() { ["Id"] = 1 });
            await LegacyRows.InsertAsync(connection, "Payments",
                new() { ["Id"] = 1, ["CustomerId"] = 1, ["Number"] = "PAY-1001", ["Method"] = "Cash", ["Status"] = "Succeeded", ["Amount"] = 1_000_000 });
        }

        await using var upgraded = new PortalDbContext(options);
        await upgraded.Database.MigrateAsync();

        var company = await upgraded.CompanySettings.SingleAsync();
        var fresh = new CompanySettings();
        Assert.Equal((fresh.CardPaymentsEnabled, fresh.PartPaymentsAllowed, fresh.MinimumPartPayment, fresh.CreditTopUpMinimum, fresh.CreditTopUpMaximum),
            (company.CardPaymentsEnabled, company.PartPaymentsAllowed, company.MinimumPartPayment, company.CreditTopUpMinimum, company.CreditTopUpMaximum));
        var payment = await upgraded.Payments.SingleAsync();
        Assert.Equal((PaymentPurpose.Manual, 100m, false, 0m), (payment.Purpose, payment.Amount, payment.NeedsReview, payment.RefundedAmount));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
