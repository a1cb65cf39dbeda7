using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Insights;
using CustomerPortal.Core.Payments;
using static CustomerPortal.Tests.Insights.InsightsData;
using CustomerRecord = CustomerPortal.Core.Customers.Customer;

namespace CustomerPortal.Tests.Insights;

/// <summary>
/// One hand-built month of business, read once: June 2026 (company-local, New York, UTC−4) against May 2 to 31. Its weeks
/// are Jun 1–7, 8–14, 15–21, 22–28 and 29–30; each ends at local midnight, 04:00 UTC the next day. The answers are worked
/// out in the comments of <see cref="JuneFixture.SeedAsync"/> and the tests.
/// </summary>
public sealed class InsightsServiceTests(InsightsServiceTests.JuneFixture june) : IClassFixture<InsightsServiceTests.JuneFixture>
{
    private InsightsReport Report => june.Report;

    [Fact]
    public void PaymentTime_IsTheMedianDaysFromSentToPaid_OverallAndByHowItWasPaid()
    {
        // June, paid in full: I1 14 days (manual), I2 4 days (portal), I3 28 d 15.5 h = 28.645833 days (manual, paid 23:30 local on
        // Jun 30), I7 30 days (manual). I4 paid 00:30 local on Jul 1 is not in June.
        // Overall: 4, 14, 28.6458, 30 -> (14 + 28.645833) / 2 = 21.322917. Portal: 4. Manual: 14, 28.6458, 30 -> 28.645833.
        Assert.Equal(21.322917, Report.PaymentTime.Current.Value!.Value, 5);
        Assert.Equal(4, Report.PaymentTimePortal.Current.Value!.Value, 5);
        Assert.Equal(28.645833, Report.PaymentTimeManual.Current.Value!.Value, 5);
        // May: I5 10 days (manual), I6 20 days (portal), I11 3 days (portal). Overall 10; portal (3 + 20) / 2 = 11.5; manual 10.
        Assert.Equal(10, Report.PaymentTime.Previous.Value!.Value, 5);
        Assert.Equal(11.5, Report.PaymentTimePortal.Previous.Value!.Value, 5);
        Assert.Equal(10, Report.PaymentTimeManual.Previous.Value!.Value, 5);
        Assert.Equal(21.322917 - 10, Report.PaymentTime.Change!.Value, 5);
    }

    [Fact]
    public void PaidOnTime_IsTheShareOfPaidInvoicesPaidByTheirDueDay()
    {
        // June: I1 (paid Jun 3, due Jun 5) and I2 (Jun 5, due Jun 10) on time; I3 (Jun 30, due Jun 12) and I7 (Jun 24, due Jun 3)
        // late: 2 of 4 = 50%. May: I5 and I11 on time, I6 late: 2 of 3 = 66.7%.
        Assert.Equal(50, Report.PaidOnTime.Current.Value!.Value, 5);
        Assert.Equal(200.0 / 3, Report.PaidOnTime.Previous.Value!.Value, 5);
        Assert.Equal(InsightUnit.Percent, Report.PaidOnTime.Unit);
    }

    [Fact]
    public void OverduePerWeek_CountsWhatWasDueBeforeEachWeeksLastDay_LessPartPaymentsReceivedByThen()
    {
        // Week 1 ends Jun 8 04:00 UTC (last day Jun 7): I7 1000 (due Jun 3, nothing paid yet) + I9 250 (due May 10, not void yet) = 1250.
        // Week 2 (Jun 14): I3 400 (due Jun 12) + I7 1000 - 300 received Jun 10 = 700 + I9 250 = 1350.
        // Week 3 (Jun 21): I3 400 + I7 700 + I8 500 (due Jun 20) = 1600; I9 was voided Jun 16.
        // Week 4 (Jun 28): I3 400 + I8 500 = 900; I7 was paid in full Jun 24.
        // Week 5 (Jun 30, ends Jul 1 04:00 UTC): I8 500; I3 was paid at 03:30 UTC; I4 is due Jun 30, so not yet overdue.
        // The draft I12 (due in May) was never sent and never counts.
        Assert.Equal([1250d, 1350d, 1600d, 900d, 500d], Report.OverduePerWeek.Values);
        Assert.Equal(5, Report.Weeks.Count);
        Assert.Equal(["Jun 1", "Jun 8", "Jun 15", "Jun 22", "Jun 29"], Report.WeekLabels);
        // At the end of June 500; at the end of May (Jun 1 04:00 UTC, last day May 31) only I9 250 was overdue.
        Assert.Equal(500, Report.OverdueAtEnd.Current.Value);
        Assert.Equal(250, Report.OverdueAtEnd.Previous.Value);
    }

    [Fact]
    public void Collected_IsPaymentsReceivedLessRefunds_WithoutAccountCredit_PerWeek()
    {
        // Week 1: P1 100 + P2 200 = 300. Week 2: P5 300. Week 3: P8 80 - 30 refunded = 50 (the pending card payment does not count).
        // Week 4: P6 700. Week 5: P3 400 (23:30 local on Jun 30). P7 (account credit 50) is not new money; P4 (Jul 1) is outside.
        Assert.Equal([300d, 300d, 50d, 700d, 400d], Report.CollectedPerWeek.Values);
        Assert.Equal(1750, Report.Collected.Current.Value);
        // May: P9 120 + P10 60 + P11 90 = 270.
        Assert.Equal(270, Report.Collected.Previous.Value);
    }

    [Fact]
    public void PortalPaymentShare_IsPaymentsMadeByPortalUsersOfAllReceived()
    {
        // June: P1, P2, P3, P5, P6, P8 received (not P7, account credit): P2 and P8 by a portal user, 2 of 6 = 33.3%.
        // May: P9 by hand, P10 and P11 in the portal: 2 of 3 = 66.7%.
        Assert.Equal(100.0 / 3, Report.PortalPaymentShare.Current.Value!.Value, 5);
        Assert.Equal(200.0 / 3, Report.PortalPaymentShare.Previous.Value!.Value, 5);
        Assert.Equal(new PaymentChannels(Portal: 2, ByHand: 4), Report.PaymentChannels);
    }

    [Fact]
    public void QuoteConversion_IsAcceptedOfSent_AndAnswerTimeTheMedianDaysToAcceptOrDecline()
    {
        // June: E1 accepted after 2 days, E2 declined after 4, E3 unanswered, E4 accepted after 6: 2 of 4 = 50%; median of 2, 4, 6 = 4.
        // The draft E6 does not count. May: E5 accepted after 1 day: 100%, median 1.
        Assert.Equal(50, Report.QuoteConversion.Current.Value);
        Assert.Equal(4, Report.QuoteAnswerDays.Current.Value!.Value, 5);
        Assert.Equal(100, Report.QuoteConversion.Previous.Value);
        Assert.Equal(1, Report.QuoteAnswerDays.Previous.Value!.Value, 5);
    }

    [Fact]
    public void PortalAdoption_IsCustomersWithARegisteredPortalUser_AtTheEndOfEachPeriod()
    {
        // End of June: Olivia (registered May 20), Noah (registered Jun 15), Ivy (invited only), Leo (created Jun 20, no user):
        // 2 of 4 = 50%. The archived and the pending-review customers do not count either way.
        // End of May: Olivia, Noah, Ivy (Leo did not exist yet); only Olivia registered: 1 of 3 = 33.3%.
        Assert.Equal(50, Report.PortalAdoption.Current.Value);
        Assert.Equal(100.0 / 3, Report.PortalAdoption.Previous.Value!.Value, 5);
    }

    [Fact]
    public void PortalSignIns_ArePortalUsersSignInsPerWeek()
    {
        // Jun 1 04:30 UTC (00:30 local): week 1. Jun 9 and Jun 10: week 2. Jul 1 03:30 UTC (23:30 local Jun 30): week 5.
        // Not counted: a staff sign-in Jun 9, Jul 1 04:30 UTC. May: May 31 12:00 and Jun 1 03:30 UTC (23:30 local May 31) = 2.
        Assert.Equal([1d, 2d, 0d, 0d, 1d], Report.SignInsPerWeek.Values);
        Assert.Equal(4, Report.PortalSignIns.Current.Value);
        Assert.Equal(2, Report.PortalSignIns.Previous.Value);
    }

    [Fact]
    public void FirstResponse_IsFromTheMessageThatStartsAWaitToTheNextPublicStaffReply_InternalNotesAreNoReply()
    {
        // June waits: T1 Jun 2 12:00 -> Ann's internal note 13:00 (no reply), the customer again 14:00 (same wait) -> Ann 16:00 = 4 h;
        // T1 Jun 3 12:00 -> Ben Jun 4 12:00 = 24 h; T2 (Ann wrote first) customer Jun 6 12:00 -> Ann 13:00 = 1 h;
        // T3 Jun 29 12:00 -> a system message (no reply) -> Ben Jul 1 08:00 = 44 h; T4 Jun 30 unanswered (not counted).
        // Hours 1, 4, 24, 44: median (4 + 24) / 2 = 14; p90 nearest rank ceil(0.9 * 4) = 4th = 44.
        Assert.Equal(14, Report.FirstResponseMedian.Current.Value!.Value, 5);
        Assert.Equal(44, Report.FirstResponseP90.Current.Value!.Value, 5);
        // May: T5's May 3 message continues a wait from Apr 30 (before May 2), so its reply does not count; T5 May 10 -> Ben 2 h;
        // T6 May 20 -> Ann 6 h. Median 4, p90 ceil(1.8) = 2nd = 6.
        Assert.Equal(4, Report.FirstResponseMedian.Previous.Value!.Value, 5);
        Assert.Equal(6, Report.FirstResponseP90.Previous.Value!.Value, 5);
        // Ann: 4 h and 1 h -> median 2.5, p90 4. Ben: 24 h and 44 h -> median 34, p90 44.
        Assert.Equal([("Ann Answer", 2, 2.5, 4.0), ("Ben Busy", 2, 34.0, 44.0)],
            Report.ResponseByStaff.Select(s => (s.Name, s.Replies, s.MedianHours, s.P90Hours)).ToList());
    }

    [Fact]
    public void Reviews_AverageDistributionAndCount()
    {
        // June: 5 (Jun 1 00:30 local), 4, 2, 5 (Jun 30 23:30 local): average 16 / 4 = 4.0; a 1-star review at 00:30 Jul 1 is outside.
        // May: one 3-star review.
        Assert.Equal(4.0, Report.ReviewAverage.Current.Value!.Value, 5);
        Assert.Equal(4, Report.ReviewCount.Current.Value);
        Assert.Equal([0, 1, 0, 1, 2], Report.ReviewDistribution);
        Assert.Equal(3.0, Report.ReviewAverage.Previous.Value!.Value, 5);
        Assert.Equal(1, Report.ReviewCount.Previous.Value);
    }

    [Fact]
    public void EveryFigure_HasAnExplanation_AndTheReportListsThemAll()
    {
        Assert.Equal(15, Report.Figures.Count);
        Assert.All(Report.Figures, f => Assert.False(string.IsNullOrWhiteSpace(f.Explanation)));
        Assert.Equal(Report.Figures.Count, Report.Figures.Select(f => f.Key).Distinct().Count());
    }

    [Fact]
    public async Task LastMonth_OnJulyFirst_IsJune()
    {
        var lastMonth = await june.Core.Get<InsightsService>().GetAsync(CoreServices.Admin, new InsightsPeriodChoice(InsightsPreset.LastMonth), default);

        Assert.Equal(new InsightsPeriod(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30)), lastMonth.Value!.Period);
        Assert.Equal(new InsightsPeriod(new DateOnly(2026, 5, 2), new DateOnly(2026, 5, 31)), lastMonth.Value.PreviousPeriod);
        Assert.Equal(Report.OverduePerWeek.Values, lastMonth.Value.OverduePerWeek.Values);
    }

    [Fact]
    public async Task GetAsync_StaffWhoAreNotAdmins_AndPortalUsers_AreRefused()
    {
        var service = june.Core.Get<InsightsService>();

        Assert.Equal(ResultKind.Forbidden, (await service.GetAsync(CoreServices.Staff, June, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await service.GetAsync(TestActors.Customer(june.OliviaId), June, default)).Kind);
    }

    [Fact]
    public async Task GetAsync_CustomPeriodInTheFuture_IsInvalid()
    {
        var result = await june.Core.Get<InsightsService>().GetAsync(CoreServices.Admin,
            new InsightsPeriodChoice(InsightsPreset.Custom, new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 2)), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
    }

    public sealed class JuneFixture : IAsyncLifetime
    {
        public CoreServices Core { get; private set; } = null!;
        public InsightsReport Report { get; private set; } = null!;
        public int OliviaId { get; private set; }

        public async Task InitializeAsync()
        {
            Core = await CoreServices.StartAsync();
            await UseCompanyZoneAsync(Core);
            await SeedAsync();
            var report = await Core.Get<InsightsService>().GetAsync(CoreServices.Admin, June, default);
            Assert.True(report.Succeeded, report.Message);
            Report = report.Value!;
        }

        public async Task DisposeAsync() => await Core.DisposeAsync();

        private async Task SeedAsync()
        {
            await using var db = await Core.DbAsync();
            var olivia = await CustomerAsync(db, "Olivia");
            OliviaId = olivia.Id;
            var oliviaUser = await PortalUserAsync(db, olivia.Id, Utc(5, 1, 12), registeredUtc: Utc(5, 20, 12));
            var noah = await CustomerAsync(db, "Noah");
            await PortalUserAsync(db, noah.Id, Utc(5, 1, 12), registeredUtc: Utc(6, 15, 12));
            var ivy = await CustomerAsync(db, "Ivy");
            await PortalUserAsync(db, ivy.Id, Utc(5, 1, 12), registeredUtc: null);
            await CustomerAsync(db, "Leo", createdAtUtc: Utc(6, 20, 12));
            var archived = await CustomerAsync(db, "Archived");
            await PortalUserAsync(db, archived.Id, Utc(5, 1, 12), registeredUtc: Utc(5, 2, 12));
            Succeed(archived.Archive(Utc(5, 3, 12)));
            var pending = CustomerRecord.FromPublicRequest("Pending", "Person", "", TestAccounts.UniqueEmail("pending"), "555-0199", Utc(5, 3, 12));
            Succeed(pending.ChangePortalIdentifier($"p-{Guid.NewGuid():N}"[..20]));
            db.Customers.Add(pending);
            await db.SaveChangesAsync();

            var c = olivia.Id;
            var portal = oliviaUser.Id;
            // Paid in June.
            var i1 = await SentInvoiceAsync(db, c, 100m, Utc(5, 20, 12), due: new(2026, 6, 5));
            await PaymentAsync(db, c, 100m, Utc(6, 3, 12), i1); // P1, 14 days, by hand, on time
            var i2 = await SentInvoiceAsync(db, c, 200m, Utc(6, 1, 12), due: new(2026, 6, 10));
            await PaymentAsync(db, c, 200m, Utc(6, 5, 12), i2, portalUserId: portal); // P2, 4 days, portal, on time
            var i3 = await SentInvoiceAsync(db, c, 400m, Utc(6, 2, 12), due: new(2026, 6, 12));
            await PaymentAsync(db, c, 400m, Utc(7, 1, 3, 30), i3); // P3, 23:30 local Jun 30, late
            var i4 = await SentInvoiceAsync(db, c, 150m, Utc(6, 2, 12), due: new(2026, 6, 30));
            await PaymentAsync(db, c, 150m, Utc(7, 1, 4, 30), i4); // P4, 00:30 local Jul 1: July
            var i7 = await SentInvoiceAsync(db, c, 1000m, Utc(5, 25, 12), due: new(2026, 6, 3));
            await PaymentAsync(db, c, 300m, Utc(6, 10, 12), i7); // P5, part
            await PaymentAsync(db, c, 700m, Utc(6, 24, 12), i7); // P6 settles: 30 days, late
            // Still open, voided, draft.
            await SentInvoiceAsync(db, c, 500m, Utc(6, 1, 12), due: new(2026, 6, 20)); // I8
            var i9 = await SentInvoiceAsync(db, c, 250m, Utc(5, 1, 12), due: new(2026, 5, 10));
            Succeed(i9.Void("Billed twice", Utc(6, 16, 12)));
            await TestRecords.DraftInvoiceAsync(db, c, 75m, due: new(2026, 5, 15)); // I12, never sent
            await db.SaveChangesAsync();
            // Other June payments: account credit used (not new money), a credit top-up partly refunded, a pending card payment.
            await PaymentAsync(db, c, 50m, Utc(6, 12, 12), method: PaymentMethod.AccountCredit); // P7
            var topUp = await PaymentAsync(db, c, 80m, Utc(6, 16, 12), portalUserId: portal); // P8
            Assert.True(topUp.Refund(30m, 80m, "Changed their mind", Utc(6, 17, 12), 2, null).Succeeded);
            db.Payments.Add(Payment.StartCard("PAY-PENDING", c, Utc(6, 18, 12), 60m, "usd", PaymentPurpose.CreditTopUp, null, null, "idem-1", portal));
            await db.SaveChangesAsync();
            // Paid in May.
            var i5 = await SentInvoiceAsync(db, c, 120m, Utc(4, 30, 12), due: new(2026, 5, 15));
            await PaymentAsync(db, c, 120m, Utc(5, 10, 12), i5); // P9, 10 days, by hand, on time
            var i6 = await SentInvoiceAsync(db, c, 60m, Utc(5, 1, 12), due: new(2026, 5, 5));
            await PaymentAsync(db, c, 60m, Utc(5, 21, 12), i6, portalUserId: portal); // P10, 20 days, portal, late
            var i11 = await SentInvoiceAsync(db, c, 90m, Utc(5, 3, 12), due: new(2026, 5, 20));
            await PaymentAsync(db, c, 90m, Utc(5, 6, 12), i11, portalUserId: portal); // P11, 3 days, portal, on time

            // Estimates.
            var today = new DateOnly(2026, 6, 30);
            var e1 = await SentEstimateAsync(db, c, Utc(6, 2, 12));
            Succeed(e1.Accept(new EstimateAcceptance("Pat", Utc(6, 4, 12), "", "", portal), today));
            var e2 = await SentEstimateAsync(db, c, Utc(6, 5, 12));
            Succeed(e2.Decline("Too dear", Utc(6, 9, 12), today));
            await SentEstimateAsync(db, c, Utc(6, 20, 12)); // E3, unanswered
            var e4 = await SentEstimateAsync(db, c, Utc(6, 10, 12));
            Succeed(e4.Accept(new EstimateAcceptance("Pat", Utc(6, 16, 12), "", "", portal), today));
            var e5 = await SentEstimateAsync(db, c, Utc(5, 10, 12));
            Succeed(e5.Accept(new EstimateAcceptance("Pat", Utc(5, 11, 12), "", "", portal), today));
            await TestRecords.EstimateAsync(db, c, 99m, send: false); // E6, draft
            await db.SaveChangesAsync();

            // Messages.
            var ann = await StaffAsync(db, "Ann Answer");
            var ben = await StaffAsync(db, "Ben Busy");
            var customer = InsightsData.Customer(portal);
            var t1 = await ThreadAsync(db, c, Utc(6, 2, 12));
            await PostAsync(db, t1, customer, Utc(6, 2, 12));
            await PostAsync(db, t1, Staff(ann), Utc(6, 2, 13), internalNote: true);
            await PostAsync(db, t1, customer, Utc(6, 2, 14));
            await PostAsync(db, t1, Staff(ann), Utc(6, 2, 16));
            await PostAsync(db, t1, customer, Utc(6, 3, 12));
            await PostAsync(db, t1, Staff(ben), Utc(6, 4, 12));
            var t2 = await ThreadAsync(db, c, Utc(6, 5, 12));
            await PostAsync(db, t2, Staff(ann), Utc(6, 5, 12));
            await PostAsync(db, t2, customer, Utc(6, 6, 12));
            await PostAsync(db, t2, Staff(ann), Utc(6, 6, 13));
            var t3 = await ThreadAsync(db, c, Utc(6, 29, 12));
            await PostAsync(db, t3, customer, Utc(6, 29, 12));
            await PostAsync(db, t3, SystemAuthor, Utc(6, 29, 13));
            await PostAsync(db, t3, Staff(ben), Utc(7, 1, 8));
            var t4 = await ThreadAsync(db, c, Utc(6, 30, 12));
            await PostAsync(db, t4, customer, Utc(6, 30, 12));
            var t5 = await ThreadAsync(db, c, Utc(4, 30, 12));
            await PostAsync(db, t5, customer, Utc(4, 30, 12));
            await PostAsync(db, t5, customer, Utc(5, 3, 12));
            await PostAsync(db, t5, Staff(ann), Utc(5, 3, 14));
            await PostAsync(db, t5, customer, Utc(5, 10, 12));
            await PostAsync(db, t5, Staff(ben), Utc(5, 10, 14));
            var t6 = await ThreadAsync(db, c, Utc(5, 20, 12));
            await PostAsync(db, t6, customer, Utc(5, 20, 12));
            await PostAsync(db, t6, Staff(ann), Utc(5, 20, 18));

            // Sign-ins.
            SignIn(db, c, portal, Utc(6, 1, 4, 30));
            SignIn(db, c, portal, Utc(6, 9, 12));
            SignIn(db, c, portal, Utc(6, 10, 12));
            SignIn(db, c, portal, Utc(7, 1, 3, 30));
            SignIn(db, c, portal, Utc(7, 1, 4, 30));
            SignIn(db, c, portal, Utc(5, 31, 12));
            SignIn(db, c, portal, Utc(6, 1, 3, 30));
            db.AuditEvents.Add(new AuditEvent(Utc(6, 9, 12), CoreServices.Staff, AuditActions.SignedIn, "StaffUser", "1", null, ""));

            // Reviews.
            Review(db, c, 5, Utc(6, 1, 4, 30));
            Review(db, c, 4, Utc(6, 10, 12));
            Review(db, c, 2, Utc(6, 15, 12));
            Review(db, c, 5, Utc(7, 1, 3, 30));
            Review(db, c, 1, Utc(7, 1, 4, 30));
            Review(db, c, 3, Utc(5, 15, 12));
            await db.SaveChangesAsync();
        }
    }
}
