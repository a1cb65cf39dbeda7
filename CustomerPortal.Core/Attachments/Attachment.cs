using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Attachments;

public enum AttachmentKind
{
    File,
    Picture,
}

public enum PictureTag
{
    None,
    Before,
    After,
}

/// <summary>
/// A file or picture on a job, visit, project, estimate, invoice or service request (exactly one of them). The bytes
/// live in the file store outside the web root under <see cref="StoredFileName"/> and are served only through an
/// authorised endpoint.
/// </summary>
public sealed class Attachment : ICustomerOwned
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public int? JobId { get; private set; }
    public int? VisitId { get; private set; }
    public int? ProjectId { get; private set; }
    public int? EstimateId { get; private set; }
    public int? InvoiceId { get; private set; }
    public int? ServiceRequestId { get; private set; }
    public int? ThreadId { get; private set; }

    /// <summary>The message this file was sent with (files on a thread are uploaded first, then sent with their message).</summary>
    public long? MessageId { get; private set; }

    public AttachmentKind Kind { get; private set; }
    public PictureTag Tag { get; set; }
    public bool VisibleToCustomer { get; set; }
    public string OriginalFileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string StoredFileName { get; private set; } = "";
    public string ThumbnailFileName { get; private set; } = "";
    public int? Width { get; private set; }
    public int? Height { get; private set; }
    public string Caption { get; set; } = "";
    public DateTime UploadedAtUtc { get; private set; }
    public string UploadedBy { get; private set; } = "";

    public bool IsVisibleToCustomer => VisibleToCustomer;

    private Attachment() { }

    public Attachment(int customerId, AttachmentOwner owner, AttachmentKind kind, string originalFileName, string contentType,
        long sizeBytes, string storedFileName, string thumbnailFileName, int? width, int? height, DateTime uploadedAtUtc, string uploadedBy)
    {
        CustomerId = customerId;
        switch (owner.Kind)
        {
            case AttachmentOwnerKind.Job: JobId = owner.Id; break;
            case AttachmentOwnerKind.Visit: VisitId = owner.Id; JobId = owner.JobId; break;
            case AttachmentOwnerKind.Project: ProjectId = owner.Id; break;
            case AttachmentOwnerKind.Estimate: EstimateId = owner.Id; break;
            case AttachmentOwnerKind.Invoice: InvoiceId = owner.Id; break;
            case AttachmentOwnerKind.ServiceRequest: ServiceRequestId = owner.Id; break;
            case AttachmentOwnerKind.Thread: ThreadId = owner.Id; break;
            default: throw new ArgumentOutOfRangeException(nameof(owner));
        }
        Kind = kind;
        OriginalFileName = originalFileName;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        StoredFileName = storedFileName;
        ThumbnailFileName = thumbnailFileName;
        Width = width;
        Height = height;
        UploadedAtUtc = uploadedAtUtc;
        UploadedBy = uploadedBy;
    }

    public AttachmentOwner Owner =>
        VisitId is { } visitId ? new(AttachmentOwnerKind.Visit, visitId, JobId) :
        JobId is { } jobId ? new(AttachmentOwnerKind.Job, jobId) :
        ProjectId is { } projectId ? new(AttachmentOwnerKind.Project, projectId) :
        EstimateId is { } estimateId ? new(AttachmentOwnerKind.Estimate, estimateId) :
        InvoiceId is { } invoiceId ? new(AttachmentOwnerKind.Invoice, invoiceId) :
        ThreadId is { } threadId ? new(AttachmentOwnerKind.Thread, threadId) :
        new(AttachmentOwnerKind.ServiceRequest, ServiceRequestId ?? 0);

    /// <summary>The file went out with this message; it cannot move to another one.</summary>
    public bool SentWith(long messageId)
    {
        if (ThreadId is null || (MessageId is { } sent && sent != messageId)) return false;
        MessageId = messageId;
        return true;
    }
}

public enum AttachmentOwnerKind
{
    Job,
    Visit,
    Project,
    Estimate,
    Invoice,
    ServiceRequest,

    /// <summary>A file or picture sent in a message thread.</summary>
    Thread,
}

/// <summary>What an attachment hangs on. A visit's attachment also records the visit's job.</summary>
public sealed record AttachmentOwner(AttachmentOwnerKind Kind, int Id, int? JobId = null);
