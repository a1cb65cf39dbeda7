using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Data;

[Trait("Database", "SqliteOnly")]
public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task FirstStart_OnEmptyFolder_CreatesSqliteFileWithEveryMigrationAndNoDemoData()
    {
        using var app = new PortalAppFactory();
        Assert.Empty(Directory.GetFiles(app.DataFolder));

        await using var db = await app.CreateDbContextAsync();

        Assert.True(File.Exists(app.Services.GetRequiredService<DataPaths>().DatabaseFile));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // A model change without a SQLite migration fails here (and its PostgreSQL twin in PostgreSqlTests).
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.False(await db.CompanySettings.AnyAsync());
        Assert.Equal(6, await db.DocumentNumberSequences.CountAsync());
    }
}
