using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Common;

/// <summary>A counter per document kind (EST, INV, JOB...). Numbers are taken inside the caller's transaction and never reused.</summary>
public sealed class DocumentNumberSequence
{
    public DocumentNumberSequence(string prefix, long nextValue)
    {
        Prefix = prefix;
        NextValue = nextValue;
    }

    public string Prefix { get; private set; }
    public long NextValue { get; private set; }
}

internal sealed class DocumentNumberSequenceConfiguration : IEntityTypeConfiguration<DocumentNumberSequence>
{
    public void Configure(EntityTypeBuilder<DocumentNumberSequence> builder)
    {
        builder.HasKey(s => s.Prefix);
        builder.Property(s => s.Prefix).HasMaxLength(8);
        builder.HasData(
            new DocumentNumberSequence(DocumentPrefixes.Estimate, 1001),
            new DocumentNumberSequence(DocumentPrefixes.Invoice, 1001),
            new DocumentNumberSequence(DocumentPrefixes.Job, 1001),
            new DocumentNumberSequence(DocumentPrefixes.Project, 101),
            new DocumentNumberSequence(DocumentPrefixes.Payment, 1001),
            new DocumentNumberSequence(DocumentPrefixes.Request, 1001));
    }
}

public static class DocumentPrefixes
{
    public const string Estimate = "EST";
    public const string Invoice = "INV";
    public const string Job = "JOB";
    public const string Project = "PRJ";
    public const string Payment = "PAY";
    public const string Request = "REQ";
}
