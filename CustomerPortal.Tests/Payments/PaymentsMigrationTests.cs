using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Payments;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPortal.Tests.Payments;

/// <summary>A database from before the Payments migration keeps its company settings and payments meaningful after it.</summary>
public sealed class PaymentsMigrationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cp-payments-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Upgrade_ExistingSettingsAndPayments_GetTheDefaultsNewOnesHave()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={_file}").Options;
        await using (var db = new PortalDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261203074053_Messaging");
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await InsertAsync(connection, "CompanySettings", new() { ["Id"] = 1, ["Currency"] = "USD", ["AccentColor"] = "#1565C0" });
            await InsertAsync(connection, "Customers", new() { ["Id"] = 1 });
            await InsertAsync(connection, "Payments",
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

    /// <summary>Inserts a row giving every NOT NULL column without a default a plain value, and the given ones theirs.</summary>
    private static async Task InsertAsync(SqliteConnection connection, string table, Dictionary<string, object> values)
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
