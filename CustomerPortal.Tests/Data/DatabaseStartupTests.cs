using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Data;

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
        Assert.False(await db.CompanySettings.AnyAsync());
        Assert.Equal(6, await db.DocumentNumberSequences.CountAsync());
    }
}
