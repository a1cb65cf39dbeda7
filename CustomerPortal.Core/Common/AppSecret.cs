using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Common;

/// <summary>A random key the app made for itself (e.g. for signing links), kept in the database so every instance shares it.</summary>
public sealed class AppSecret
{
    public string Name { get; private set; } = "";
    public byte[] Value { get; private set; } = [];
    public DateTime CreatedAtUtc { get; private set; }

    private AppSecret() { }

    public AppSecret(string name, byte[] value, DateTime createdAtUtc)
    {
        Name = name;
        Value = value;
        CreatedAtUtc = createdAtUtc;
    }
}

internal sealed class AppSecretConfiguration : IEntityTypeConfiguration<AppSecret>
{
    public void Configure(EntityTypeBuilder<AppSecret> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Value).HasMaxLength(64);
    }
}
