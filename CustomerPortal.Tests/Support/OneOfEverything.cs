using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Support;

/// <summary>
/// A customer with a portal user and one record of every kind a portal page can show, each carrying the customer's
/// <see cref="Marker"/> in its text so a test can tell whether any of it leaked into a response. Its job's thread has a
/// message from staff and an internal note reading <see cref="NoteMarker"/>, which no customer may ever see.
/// </summary>
public sealed record CustomerBundle(
    Customer Customer, PortalUser User, string Marker, string NoteMarker,
    int JobId, int VisitId, int ProjectId, int EstimateId, int InvoiceId, int PaymentId, int RequestId, int ThreadId,
    int PictureId, int VisitPictureId, int FileId, int ProjectFileId, int EstimatePictureId, int InvoicePictureId)
{
    /// <summary>This customer's id for a kind of record as portal routes name it (the route's first segment).</summary>
    public int? IdFor(string kind) => kind switch
    {
        "jobs" => JobId,
        "projects" => ProjectId,
        "estimates" => EstimateId,
        "invoices" => InvoiceId,
        "payments" or "receipts" => PaymentId,
        "requests" => RequestId,
        "messages" => ThreadId,
        "files" or "attachments" or "pictures" => PictureId,
        _ => null,
    };
}

public static class OneOfEverything
{
    private static readonly Actor Staff = Actor.Staff(1, "Sam Staff", StaffRole.Staff);

    public static async Task<CustomerBundle> CreateAsync(PortalAppFactory app, string name)
    {
        var marker = $"{name}{Guid.NewGuid():N}"[..(name.Length + 10)];
        await using var db = await app.CreateDbContextAsync();
        var customer = await TestRecords.CustomerAsync(db, marker);
        customer.UpdateInternalNotes($"Internal about {marker}");
        await db.SaveChangesAsync();
        var user = await TestAccounts.CreatePortalUserAsync(app, customer.Id);

        var project = await TestRecords.ProjectAsync(db, customer.Id, $"{marker} project");
        var job = await TestRecords.JobAsync(db, customer.Id, $"{marker} job", DateTime.UtcNow.AddDays(3), project.Id);
        var visitId = job.Visits.Single().Id;
        var estimate = await TestRecords.EstimateAsync(db, customer.Id, 640m, $"{marker} estimate line", deposit: 100m);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 410m, $"{marker} invoice line", jobId: job.Id);

        var requestNumber = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Request, default);
        var request = new ServiceRequest(requestNumber, customer.Id, user.Id, ServiceRequestSource.Portal,
            new ServiceRequestDetails("Repair", $"{marker} request", $"Please look at {marker}", null, Address.Empty, null, "", null, "",
                ContactMethod.Email, user.Name, user.Email, ""), false, DateTime.UtcNow);
        db.ServiceRequests.Add(request);
        var thread = new MessageThread(customer.Id, ThreadSubject.Job, job.Id, DateTime.UtcNow);
        db.MessageThreads.Add(thread);
        await db.SaveChangesAsync();

        var staff = (await TestAccounts.CreateStaffAsync(app)).ToActor();
        var messaging = app.Services.GetRequiredService<MessagingService>();
        var noteMarker = $"Note{Guid.NewGuid():N}"[..14];
        foreach (var (text, note) in new[] { ($"Hello about {marker}", false), ($"{noteMarker} staff only", true) })
        {
            var posted = await messaging.PostAsync(staff, new PostMessage(thread.Id, Guid.NewGuid(), text, note), default);
            if (!posted.Succeeded) throw new InvalidOperationException(posted.Message);
        }

        var payments = app.Services.GetRequiredService<PaymentService>();
        var companyToday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-12));
        var payment = await payments.RecordAsync(Staff, new RecordPaymentInput(customer.Id, PaymentMethod.Check, 450m, companyToday,
            $"Check {marker}", "", [AllocationInput.ToInvoice(invoice.Id, 410m)]), default);
        if (!payment.Succeeded) throw new InvalidOperationException(payment.Message);

        var attachments = app.Services.GetRequiredService<AttachmentService>();
        async Task<int> Upload(AttachmentOwner owner, bool picture, PictureTag tag = PictureTag.None)
        {
            using var stream = new MemoryStream(picture ? TestImages.Jpeg(320, 240) : System.Text.Encoding.UTF8.GetBytes("%PDF-1.4\n% " + marker + "\n"));
            var result = await attachments.UploadAsync(Staff, owner, stream, picture ? $"{marker}.jpg" : $"{marker}.pdf", "", new UploadSettings(true, tag, $"{marker} caption"), default);
            return result.Value?.Id ?? throw new InvalidOperationException(result.Message);
        }

        return new CustomerBundle(customer, user, marker, noteMarker, job.Id, visitId, project.Id, estimate.Id, invoice.Id, payment.Value, request.Id, thread.Id,
            PictureId: await Upload(new(AttachmentOwnerKind.Job, job.Id), picture: true),
            VisitPictureId: await Upload(new(AttachmentOwnerKind.Visit, visitId), picture: true, PictureTag.Before),
            FileId: await Upload(new(AttachmentOwnerKind.Job, job.Id), picture: false),
            ProjectFileId: await Upload(new(AttachmentOwnerKind.Project, project.Id), picture: false),
            EstimatePictureId: await Upload(new(AttachmentOwnerKind.Estimate, estimate.Id), picture: true),
            InvoicePictureId: await Upload(new(AttachmentOwnerKind.Invoice, invoice.Id), picture: true));
    }
}
