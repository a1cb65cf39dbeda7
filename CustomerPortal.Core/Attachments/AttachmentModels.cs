namespace CustomerPortal.Core.Attachments;

/// <summary>An attachment as pages show it. Files are fetched from <see cref="Url"/> and <see cref="ThumbnailUrl"/>.</summary>
public sealed record AttachmentView(
    int Id, AttachmentKind Kind, PictureTag Tag, bool VisibleToCustomer, string FileName, string ContentType, long SizeBytes,
    int? Width, int? Height, string Caption, DateTime UploadedLocal, string UploadedBy, AttachmentOwnerKind OwnerKind, int? VisitId)
{
    public bool IsPicture => Kind == AttachmentKind.Picture;
    public string Url => $"/files/{Id}";
    public string DownloadUrl => $"/files/{Id}?download=1";
    public string ThumbnailUrl => $"/files/{Id}/thumb";
}

/// <summary>How a new upload starts out; staff can change both later.</summary>
public sealed record UploadSettings(bool VisibleToCustomer = false, PictureTag Tag = PictureTag.None, string Caption = "");

/// <summary>An opened stored file, ready to send. The caller disposes the stream.</summary>
public sealed record AttachmentContent(Stream Content, string ContentType, string FileName, long Length) : IDisposable
{
    public void Dispose() => Content.Dispose();
}

public sealed record VisitPictures(int VisitId, DateTime StartLocal, string TechnicianName, IReadOnlyList<AttachmentView> Pictures);

/// <summary>A job's pictures in the portal gallery: those on the job itself and those of each visit. <see cref="Link"/> is null when the customer cannot open the job page.</summary>
public sealed record JobPictures(int JobId, string Number, string Title, string? Link, IReadOnlyList<AttachmentView> Pictures, IReadOnlyList<VisitPictures> Visits);

/// <summary>Pictures on one estimate or invoice. <see cref="Link"/> is null when the customer cannot open that document's page.</summary>
public sealed record DocumentPictures(string Kind, int Id, string Number, string Title, string? Link, IReadOnlyList<AttachmentView> Pictures);

/// <summary>The portal's Pictures page.</summary>
public sealed record PortalPictures(IReadOnlyList<JobPictures> Jobs, IReadOnlyList<DocumentPictures> Documents)
{
    public bool IsEmpty => Jobs.Count == 0 && Documents.Count == 0;
}

/// <summary>An upload that passed the pipeline's checks (a picture already re-encoded), not stored yet.</summary>
internal sealed record PreparedUpload(string DisplayName, AttachmentKind Kind, string ContentType, string Extension, byte[] Content,
    byte[]? Thumbnail, string ThumbnailExtension, int? Width, int? Height);

/// <summary>A prepared upload whose bytes (and thumbnail) are in the file store, waiting for its attachment row.</summary>
internal sealed record StoredUpload(PreparedUpload Upload, string StoredName, string ThumbnailName);
