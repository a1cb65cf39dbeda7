using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Insights;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Insights;

/// <summary>
/// Records written the way the app leaves them (entity methods), at chosen times, for the Insights figures. The company is
/// in America/New_York: in May and June that is UTC−4, so local midnight is 04:00 UTC.
/// </summary>
public static class InsightsData
{
    public const string Zone = "America/New_York";

    /// <summary>Wednesday July 1, 2026, 06:00 in New York: "last month" is June 1 to 30, compared with May 2 to 31.</summary>
    public static readonly DateTimeOffset Now = new(2026, 7, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly InsightsPeriodChoice June = new(InsightsPreset.Custom, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30));

    public static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static async Task UseCompanyZoneAsync(CoreServices core)
    {
        await core.UpdateCompanyAsync(c => c.ChangeCurrencyAndTimeZone("USD", Zone));
        core.Clock.Now = Now;
    }

    public static async Task<Customer> CustomerAsync(PortalDbContext db, string lastName, DateTime? createdAtUtc = null)
    {
        var customer = TestRecords.NewCustomer("Pat", lastName, "", TestAccounts.UniqueEmail("insights"), createdAtUtc ?? TestRecords.Created);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    public static async Task<PortalUser> PortalUserAsync(PortalDbContext db, int customerId, DateTime invitedUtc, DateTime? registeredUtc)
    {
        var user = new PortalUser(customerId, TestAccounts.UniqueEmail("portal"), "Pat Portal", PortalLoginMode.Password, invitedUtc);
        if (registeredUtc is { } at)
        {
            user.MarkRegistered(at);
            (await db.Customers.SingleAsync(c => c.Id == customerId)).PortalUserRegistered(at);
        }
        db.PortalUsers.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public static async Task<StaffUser> StaffAsync(PortalDbContext db, string name)
    {
        var email = TestAccounts.UniqueEmail("staff");
        var account = new AppUser { UserName = email, Email = email, Kind = AccountKind.Staff, SecurityStamp = Guid.NewGuid().ToString() };
        db.Users.Add(account);
        var staff = new StaffUser(account.Id, name, email, StaffRole.Staff, TestRecords.Created);
        db.StaffUsers.Add(staff);
        await db.SaveChangesAsync();
        return staff;
    }

    public static async Task<Invoice> SentInvoiceAsync(PortalDbContext db, int customerId, decimal total, DateTime sentUtc, DateOnly due)
    {
        var invoice = await TestRecords.DraftInvoiceAsync(db, customerId, total, due: due);
        var sent = invoice.MarkSent(sentUtc, DateOnly.FromDateTime(sentUtc));
        if (!sent.Succeeded) throw new InvalidOperationException(sent.Message);
        await db.SaveChangesAsync();
        return invoice;
    }

    /// <summary>
    /// A received payment, allocated to the invoice when one is given (whose paid amount, settling time and status then follow
    /// as the posting step sets them). <paramref name="portalUserId"/> makes it a customer's card payment in the portal.
    /// </summary>
    public static async Task<Payment> PaymentAsync(PortalDbContext db, int customerId, decimal amount, DateTime receivedUtc, Invoice? invoice = null,
        int? portalUserId = null, PaymentMethod method = PaymentMethod.Check)
    {
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Payment, default);
        var payment = portalUserId is { } portal
            ? new Payment(number, customerId, receivedUtc, PaymentMethod.Card, amount, "Visa ending 4242", PaymentStatus.Succeeded, null, portal)
            : Payment.Record(number, customerId, receivedUtc, method, amount, "", "", null);
        if (invoice is not null) Succeed(payment.AllocateToInvoice(invoice.Id, amount));
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        if (invoice is null) return payment;

        var allocated = await (from allocation in db.PaymentAllocations
                               join paid in db.Payments on allocation.PaymentId equals paid.Id
                               where allocation.InvoiceId == invoice.Id && paid.Status == PaymentStatus.Succeeded
                               select new AllocatedPayment(allocation.Amount, paid.ReceivedAtUtc, paid.PaidByPortalUserId != null))
            .ToListAsync();
        invoice.ApplyPayments(InvoicePayments.Of(allocated), DateOnly.FromDateTime(receivedUtc));
        await db.SaveChangesAsync();
        return payment;
    }

    public static async Task<Estimate> SentEstimateAsync(PortalDbContext db, int customerId, DateTime sentUtc)
    {
        var estimate = await TestRecords.EstimateAsync(db, customerId, 500m, send: false);
        Succeed(estimate.MarkSent(sentUtc, DateOnly.FromDateTime(sentUtc)));
        await db.SaveChangesAsync();
        return estimate;
    }

    public static async Task<MessageThread> ThreadAsync(PortalDbContext db, int customerId, DateTime createdUtc)
    {
        var thread = new MessageThread(customerId, ThreadSubject.General, null, createdUtc, "A question");
        db.MessageThreads.Add(thread);
        await db.SaveChangesAsync();
        return thread;
    }

    /// <summary>Posts and saves one message at a time, so store order (the id) is the order of the calls.</summary>
    public static async Task PostAsync(PortalDbContext db, MessageThread thread, MessageAuthor author, DateTime atUtc, bool internalNote = false)
    {
        var message = thread.Post(author, $"Message at {atUtc:O}", Guid.NewGuid(), atUtc, internalNote);
        await db.SaveChangesAsync();
        thread.Stored(message);
        await db.SaveChangesAsync();
    }

    public static MessageAuthor Customer(int portalUserId) => new(MessageAuthorKind.Customer, "Pat Portal", null, portalUserId);

    public static MessageAuthor Staff(StaffUser staff) => new(MessageAuthorKind.Staff, staff.Name, staff.Id, null);

    public static readonly MessageAuthor SystemAuthor = new(MessageAuthorKind.System, "Brightwater", null, null);

    public static void SignIn(PortalDbContext db, int customerId, int portalUserId, DateTime atUtc) =>
        db.AuditEvents.Add(new AuditEvent(atUtc, TestActors.Customer(customerId) with { PortalUserId = portalUserId }, AuditActions.SignedIn,
            nameof(PortalUser), portalUserId.ToString(), customerId, ""));

    public static void Review(PortalDbContext db, int customerId, int rating, DateTime atUtc) =>
        db.Reviews.Add(new Review(customerId, null, null, rating, "", "Pat Portal", atUtc));

    public static void Succeed(Result result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(result.Message);
    }
}
