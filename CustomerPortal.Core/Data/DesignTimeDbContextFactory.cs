using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustomerPortal.Core.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build the context without starting the web app. Every model change gets a migration
/// in each provider's set (see <see cref="ProviderMigrationsAssembly"/>):
///   dotnet ef migrations add Name --project CustomerPortal.Core --startup-project CustomerPortal.Core -o Data/Migrations
///   dotnet ef migrations add Name --project CustomerPortal.Core --startup-project CustomerPortal.Core -o Data/Migrations/PostgreSql \
///     --namespace CustomerPortal.Core.Data.Migrations.PostgreSql -- --provider PostgreSql
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        // No server is reached: adding a migration only compares the model with the set's snapshot.
        if (args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault() is { } provider
            && provider.Equals(nameof(DatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase))
            options.UseNpgsql("Host=localhost;Database=design-time");
        else
            options.UseSqlite("Data Source=design-time.db");
        return new PortalDbContext(options.UseProviderMigrations().Options);
    }
}
