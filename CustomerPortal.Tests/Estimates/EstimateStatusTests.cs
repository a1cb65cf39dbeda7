using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;

namespace CustomerPortal.Tests.Estimates;

public sealed class EstimateStatusTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Fact]
    public void MarkSent_Draft_BecomesVisibleToCustomer()
    {
        var estimate = Draft(expiresOn: Today.AddDays(30));
        Assert.False(estimate.IsVisibleToCustomer);

        Assert.True(estimate.MarkSent(Now, Today).Succeeded);

        Assert.Equal(EstimateStatus.Sent, estimate.Status);
        Assert.Equal(Now, estimate.SentAtUtc);
        Assert.True(estimate.IsVisibleToCustomer);
    }

    [Fact]
    public void MarkSent_WithoutLines_IsInvalid()
    {
        var estimate = TestDocuments.Estimate("EST-1", 1, "Empty", Now, null);

        Assert.Equal(ResultKind.Invalid, estimate.MarkSent(Now, Today).Kind);
        Assert.Equal(EstimateStatus.Draft, estimate.Status);
    }

    [Fact]
    public void MarkViewed_OnlyMovesSentToViewedOnce()
    {
        var estimate = Sent();

        estimate.MarkViewed(Now.AddHours(1));
        estimate.MarkViewed(Now.AddHours(5));

        Assert.Equal(EstimateStatus.Viewed, estimate.Status);
        Assert.Equal(Now.AddHours(1), estimate.ViewedAtUtc);
    }

    [Fact]
    public void Accept_WithTypedName_RecordsTheSignature()
    {
        var estimate = Sent();
        var signature = new EstimateAcceptance("Pat Customer", Now, "203.0.113.9", "Firefox", 7);

        Assert.True(estimate.Accept(signature, Today).Succeeded);

        Assert.Equal(EstimateStatus.Accepted, estimate.Status);
        Assert.Equal(signature, estimate.Acceptance);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Accept_EmptyName_IsInvalidAndNothingIsRecorded(string name)
    {
        var estimate = Sent();

        var result = estimate.Accept(new EstimateAcceptance(name, Now, "203.0.113.9", "Firefox", 7), Today);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Null(estimate.Acceptance);
        Assert.Equal(EstimateStatus.Sent, estimate.Status);
    }

    [Fact]
    public void Accept_AfterExpiryDate_IsRefused()
    {
        var estimate = Sent(expiresOn: Today.AddDays(-1));

        var result = estimate.Accept(new EstimateAcceptance("Pat", Now, "::1", "UA", 1), Today);

        Assert.Equal(ResultKind.Conflict, result.Kind);
        Assert.Contains("expired", result.Message);
        Assert.Null(estimate.Acceptance);
    }

    [Fact]
    public void Accept_OnItsExpiryDate_IsStillAllowed()
    {
        var estimate = Sent(expiresOn: Today);

        Assert.True(estimate.Accept(new EstimateAcceptance("Pat", Now, "::1", "UA", 1), Today).Succeeded);
    }

    [Fact]
    public void Decline_KeepsTrimmedReasonAndBlocksAcceptance()
    {
        var estimate = Sent();

        Assert.True(estimate.Decline("  Too expensive ", Now, Today).Succeeded);

        Assert.Equal(EstimateStatus.Declined, estimate.Status);
        Assert.Equal("Too expensive", estimate.DeclineReason);
        Assert.Equal(ResultKind.Conflict, estimate.Accept(new EstimateAcceptance("Pat", Now, "::1", "UA", 1), Today).Kind);
    }

    [Fact]
    public void ConvertToJob_OnlyOnceAndOnlyWhenAccepted()
    {
        var estimate = Sent();
        Assert.Equal(ResultKind.Conflict, estimate.ConvertToJob(5).Kind);

        estimate.Accept(new EstimateAcceptance("Pat", Now, "::1", "UA", 1), Today);

        Assert.True(estimate.ConvertToJob(5).Succeeded);
        Assert.Equal(5, estimate.ConvertedJobId);
        Assert.Equal(ResultKind.Conflict, estimate.ConvertToJob(6).Kind);
    }

    [Fact]
    public void ReviseDraft_UsesDocumentTotals()
    {
        var estimate = Draft(Today.AddDays(10));
        var content = estimate.ToDraft() with { DiscountKind = DiscountKind.Percent, DiscountValue = 10 };

        Assert.True(estimate.ReviseDraft(new EstimateDraft(content, Today.AddDays(10))).Succeeded);

        Assert.Equal(DocumentTotals.Calculate(estimate.Lines, DiscountKind.Percent, 10), new DocumentTotals(estimate.Subtotal, estimate.DiscountTotal, estimate.TaxTotal, estimate.Total));
    }

    private static Estimate Sent(DateOnly? expiresOn = null)
    {
        var estimate = Draft(expiresOn ?? Today.AddDays(30));
        // Sent a week ago, when even an estimate that has expired since was still valid.
        Assert.True(estimate.MarkSent(Now.AddDays(-7), Today.AddDays(-7)).Succeeded);
        return estimate;
    }

    private static Estimate Draft(DateOnly expiresOn)
    {
        return TestDocuments.Estimate("EST-1", 1, "New boiler", Now.AddDays(-8), expiresOn,
            TestDocuments.Line("Boiler", 1, 2400m, 10), TestDocuments.Line("Fitting", 6, 85m, 10));
    }
}
