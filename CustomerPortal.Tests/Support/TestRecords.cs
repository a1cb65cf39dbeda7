using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Projects;
using CustomerPortal.Core.Requests;
using CustomerPortal.Core.Attachments;

namespace CustomerPortal.Tests.Support;

/// <summary>Business records written straight to the database, for tests of features that read them.</summary>
public static class TestRecords
{
    public static readonly DateTime Created = new(2026, 1, 5, 15, 0, 0, DateTimeKind.Utc);

    /// <summary>A customer (not saved) with a unique portal identifier, made as the app makes one.</summary>
    public static Customer NewCustomer(string firstName, string lastName, string companyName, string email, DateTime createdAtUtc,
        string phone = "555-0100")
    {
        var customer = new Customer(firstName, lastName, companyName, email, phone, createdAtUtc);
        var identifier = customer.ChangePortalIdentifier($"c-{Guid.NewGuid():N}"[..20]);
        if (!identifier.Succeeded) throw new InvalidOperationException(identifier.Message);
        return customer;
    }

    public static async Task<Customer> CustomerAsync(PortalDbContext db, string lastName = "Customer", string companyName = "")
    {
        var customer = NewCustomer("Pat", lastName, companyName, TestAccounts.UniqueEmail("customer"), Created);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    /// <summary>A sent invoice with one line (no tax), due on <paramref name="due"/> (default: far ahead).</summary>
    public static async Task<Invoice> SentInvoiceAsync(PortalDbContext db, int customerId, decimal amount, string line = "Labour", DateOnly? due = null,
        int? jobId = null)
    {
        var invoice = await DraftInvoiceAsync(db, customerId, amount, line, due, jobId);
        invoice.MarkSent(Created, DateOnly.FromDateTime(Created));
        await db.SaveChangesAsync();
        return invoice;
    }

    public static async Task<Invoice> DraftInvoiceAsync(PortalDbContext db, int customerId, decimal amount, string line = "Labour", DateOnly? due = null,
        int? jobId = null)
    {
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Invoice, default);
        var invoice = new Invoice(number, customerId, Created, new InvoiceDraft(TestDocuments.Content($"Invoice for {line}", TestDocuments.Line(line, 1, amount)),
            DateOnly.FromDateTime(Created), due ?? new DateOnly(2030, 1, 1), jobId));
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync();
        return invoice;
    }

    /// <summary>An estimate with one line; sent unless <paramref name="send"/> is false.</summary>
    public static async Task<Estimate> EstimateAsync(PortalDbContext db, int customerId, decimal amount, string line = "Quoted work",
        decimal deposit = 0, bool send = true, DateOnly? expires = null)
    {
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Estimate, default);
        var estimate = new Estimate(number, customerId, Created, new EstimateDraft(TestDocuments.Content($"Estimate for {line}", TestDocuments.Line(line, 1, amount)),
            expires ?? new DateOnly(2030, 1, 1), DepositRequired: deposit));
        if (send) estimate.MarkSent(Created, DateOnly.FromDateTime(Created));
        db.Estimates.Add(estimate);
        await db.SaveChangesAsync();
        return estimate;
    }

    /// <summary>A job, with one visit when <paramref name="visitStartUtc"/> is given.</summary>
    public static async Task<Job> JobAsync(PortalDbContext db, int customerId, string title = "Fix the boiler", DateTime? visitStartUtc = null,
        int? projectId = null, string technician = "Alex Tech")
    {
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Job, default);
        var job = new Job(number, customerId, title, $"Description of {title}", new Address("1 Main St", "", "Springfield", "IL", "62701"), Created,
            projectId: projectId, internalNotes: $"Internal note about {title}");
        if (visitStartUtc is { } start) job.ScheduleVisit(start, start.AddHours(2), technician);
        db.Jobs.Add(job);
        await db.SaveChangesAsync();
        return job;
    }

    /// <summary>
    /// A new work request as a customer's submission leaves it (status New), written straight to the database: 10 Oak Lane,
    /// preferred on Mar 20, 2026 in the morning, contact by phone. Unsaved <paramref name="details"/> replace all of that.
    /// </summary>
    public static async Task<ServiceRequest> ServiceRequestAsync(PortalDbContext db, int customerId, string title = "Kitchen sink leaking",
        int? portalUserId = null, ServiceRequestSource source = ServiceRequestSource.Portal, ServiceRequestDetails? details = null,
        DateTime? createdAtUtc = null)
    {
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Request, default);
        var request = new ServiceRequest(number, customerId, portalUserId, source, details ?? new ServiceRequestDetails(
            "Repair", title, $"Please look at it: {title.ToLowerInvariant()}.", null, new Address("10 Oak Lane", "Unit 2", "Springfield", "IL", "62704"),
            new DateOnly(2026, 3, 20), "Morning (8–12)", new DateOnly(2026, 3, 23), "Afternoon (12–5)",
            ContactMethod.Phone, "Pat Customer", "pat@example.test", "555-0142"), false, createdAtUtc ?? Created);
        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync();
        return request;
    }

    /// <summary>Photos on a request through the real upload pipeline (as the customer's form stores them: shared with the customer).</summary>
    public static async Task<IReadOnlyList<AttachmentView>> RequestPhotosAsync(AttachmentService attachments, ServiceRequest request, int count = 2)
    {
        var stored = new List<AttachmentView>();
        for (var i = 0; i < count; i++)
        {
            using var picture = new MemoryStream(TestImages.Jpeg(320 + i * 16, 240));
            var result = await attachments.StoreAsync(TestActors.Customer(request.CustomerId), new AttachmentOwner(AttachmentOwnerKind.ServiceRequest, request.Id),
                picture, $"photo-{i + 1}.jpg", new UploadSettings(VisibleToCustomer: true), default);
            if (!result.Succeeded) throw new InvalidOperationException(result.Message);
            stored.Add(result.Value!);
        }
        return stored;
    }

    public static async Task<Project> ProjectAsync(PortalDbContext db, int customerId, string name = "Kitchen remodel")
    {
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Project, default);
        var project = new Project(number, customerId, name, $"Description of {name}", Created, startDate: new DateOnly(2026, 1, 10));
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project;
    }
}

public static class TestActors
{
    /// <summary>A portal user of the customer, seeing the given modules (all by default).</summary>
    public static Actor Customer(int customerId, PortalModules modules = PortalModules.All) => new()
    {
        Kind = ActorKind.Customer,
        Name = "Pat Portal",
        PortalUserId = 1000 + customerId,
        CustomerId = customerId,
        Modules = modules,
        CanPay = true,
        CanAcceptEstimates = true,
        CanSubmitRequests = true,
    };
}
