using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Projects;
using CustomerPortal.Core.Requests;
using CustomerPortal.Core.Reviews;
using CustomerPortal.Core.Templates;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CustomerPortal.Core.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<CompanySettings> CompanySettings => Set<CompanySettings>();

    /// <summary>The ASP.NET Core Data Protection key ring (cookies, antiforgery), shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerContact> CustomerContacts => Set<CustomerContact>();
    public DbSet<ServiceAddress> ServiceAddresses => Set<ServiceAddress>();
    public DbSet<StaffUser> StaffUsers => Set<StaffUser>();
    public DbSet<PortalUser> PortalUsers => Set<PortalUser>();
    public DbSet<MagicLinkToken> MagicLinkTokens => Set<MagicLinkToken>();
    public DbSet<DeepLinkUse> DeepLinkUses => Set<DeepLinkUse>();
    public DbSet<AppSecret> AppSecrets => Set<AppSecret>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Estimate> Estimates => Set<Estimate>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentAllocation> PaymentAllocations => Set<PaymentAllocation>();
    public DbSet<CreditEntry> CreditEntries => Set<CreditEntry>();
    public DbSet<PaymentRefund> PaymentRefunds => Set<PaymentRefund>();
    public DbSet<ProcessorEventReceipt> ProcessorEventReceipts => Set<ProcessorEventReceipt>();
    public DbSet<ProcessorCustomer> ProcessorCustomers => Set<ProcessorCustomer>();
    public DbSet<Attachment> Attachments => Set<Attachment>();

    /// <summary>Uploaded files' bytes, used only with Files:Store = Database.</summary>
    public DbSet<Files.StoredFile> StoredFiles => Set<Files.StoredFile>();
    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<MessageThread> MessageThreads => Set<MessageThread>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<ThreadParticipant> ThreadParticipants => Set<ThreadParticipant>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DocumentNumberSequence> DocumentNumberSequences => Set<DocumentNumberSequence>();

    /// <summary>The Insights figures of each day that has ended, kept so a report does not read every record again.</summary>
    public DbSet<Insights.InsightsDay> InsightsDays => Set<Insights.InsightsDay>();
    public DbSet<Insights.InsightsRollup> InsightsRollup => Set<Insights.InsightsRollup>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        if (Database.IsNpgsql()) Search.PostgreSqlSearchIndexes.Configure(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HaveConversion<MoneyColumn>();
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeColumn>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeColumn>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareForSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareForSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void PrepareForSave()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is CreditEntry or AuditEvent && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} rows are append-only.");
            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified)
                versioned.Version++;
            if (entry.Entity is Customer customer && entry.State is EntityState.Added or EntityState.Modified)
                customer.RefreshDisplayName();
        }
    }

    /// <summary>
    /// Times are stored in UTC to the microsecond, PostgreSQL's precision (.NET counts tenths of a microsecond), so a time
    /// reads back the same on both databases.
    /// </summary>
    private sealed class UtcDateTimeColumn() : ValueConverter<DateTime, DateTime>(
        value => ToStoredUtc(value),
        stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc))
    {
        private static DateTime ToStoredUtc(DateTime value)
        {
            var utc = value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc);
            return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
        }
    }
}
