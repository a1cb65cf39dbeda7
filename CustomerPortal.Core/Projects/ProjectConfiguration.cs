using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Projects;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Number).HasMaxLength(32);
        builder.HasIndex(p => p.Number).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(8000);
        builder.Property(p => p.InternalNotes).HasMaxLength(8000);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.ToTable(t => t.HasCheckConstraint("CK_Projects_CompletionPercent", "\"CompletionPercent\" BETWEEN 0 AND 100"));
        builder.HasIndex(p => p.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.IsVisibleToCustomer);
    }
}
