using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Insights;

internal sealed class InsightsDayConfiguration : IEntityTypeConfiguration<InsightsDay>
{
    public void Configure(EntityTypeBuilder<InsightsDay> builder)
    {
        builder.HasKey(d => d.Day);
        builder.Property(d => d.TimeZoneId).HasMaxLength(100);
        builder.Ignore(d => d.PaymentDaysInPortal);
        builder.Ignore(d => d.PaymentDaysRecordedByHand);
        builder.Ignore(d => d.DaysToAnswer);
        builder.Ignore(d => d.HoursToReply);
        builder.Ignore(d => d.RepliedBy);
        builder.Ignore(d => d.PaidInFull);
        builder.Ignore(d => d.ReviewsByStars);
    }
}

internal sealed class InsightsRollupConfiguration : IEntityTypeConfiguration<InsightsRollup>
{
    public void Configure(EntityTypeBuilder<InsightsRollup> builder)
    {
        builder.ToTable("InsightsRollup");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasData(new { Id = InsightsRollup.TheOne, ChangeCount = 0L });
    }
}
