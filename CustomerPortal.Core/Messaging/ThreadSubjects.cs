using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Messaging;

/// <summary>What threads are about: their subject records (for the access rule), titles and links.</summary>
internal static class ThreadSubjects
{
    /// <summary>The job, estimate or invoice the thread is about; null for a general conversation or a record that is gone.</summary>
    public static async Task<ICustomerOwned?> LoadAsync(PortalDbContext db, ThreadSubject kind, int? subjectId, CancellationToken ct) => kind switch
    {
        ThreadSubject.Job => await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == subjectId, ct),
        ThreadSubject.Estimate => await db.Estimates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == subjectId, ct),
        ThreadSubject.Invoice => await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == subjectId, ct),
        ThreadSubject.Request => await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == subjectId, ct),
        _ => null,
    };

    /// <summary>
    /// A thread with what the access rule needs of its subject (customer, and whether the customer sees it), in one query:
    /// this runs for every message sent and every thread opened.
    /// </summary>
    public static async Task<ThreadOnSubject?> FindAsync(PortalDbContext db, int threadId, bool tracked, CancellationToken ct)
    {
        var row = await Find.For(db)(db, threadId, ct);
        if (row is null) return null;
        if (tracked) db.MessageThreads.Attach(row.Thread);
        ICustomerOwned? subject = row.Thread.SubjectKind switch
        {
            ThreadSubject.Job when row.JobCustomerId is { } customerId => new SubjectOwnership(customerId, Job.AlwaysVisibleToCustomer),
            ThreadSubject.Estimate when row.EstimateCustomerId is { } customerId && row.EstimateStatus is { } status =>
                new SubjectOwnership(customerId, !Estimate.IsDraftStatus(status)),
            ThreadSubject.Invoice when row.InvoiceCustomerId is { } customerId && row.InvoiceStatus is { } status =>
                new SubjectOwnership(customerId, !Invoice.IsDraftStatus(status)),
            ThreadSubject.Request when row.RequestCustomerId is { } customerId => new SubjectOwnership(customerId, true),
            _ => null,
        };
        return new ThreadOnSubject(row.Thread, subject);
    }

    // Compiled: the query is large, and finding it in EF's query cache cost more than running it. Read untracked; a
    // caller that changes the thread gets it attached as read.
    private static readonly PerModel<Func<PortalDbContext, int, CancellationToken, Task<ThreadRow?>>> Find = new(() =>
        EF.CompileAsyncQuery((PortalDbContext db, int threadId, CancellationToken ct) => db.MessageThreads.AsNoTracking()
            .Where(t => t.Id == threadId).Select(t => new ThreadRow(
                t,
                db.Jobs.Where(j => t.SubjectKind == ThreadSubject.Job && j.Id == t.SubjectId).Select(j => (int?)j.CustomerId).FirstOrDefault(),
                db.Estimates.Where(e => t.SubjectKind == ThreadSubject.Estimate && e.Id == t.SubjectId).Select(e => (int?)e.CustomerId).FirstOrDefault(),
                db.Estimates.Where(e => t.SubjectKind == ThreadSubject.Estimate && e.Id == t.SubjectId).Select(e => (EstimateStatus?)e.Status).FirstOrDefault(),
                db.Invoices.Where(i => t.SubjectKind == ThreadSubject.Invoice && i.Id == t.SubjectId).Select(i => (int?)i.CustomerId).FirstOrDefault(),
                db.Invoices.Where(i => t.SubjectKind == ThreadSubject.Invoice && i.Id == t.SubjectId).Select(i => (InvoiceStatus?)i.Status).FirstOrDefault(),
                db.ServiceRequests.Where(r => t.SubjectKind == ThreadSubject.Request && r.Id == t.SubjectId).Select(r => (int?)r.CustomerId).FirstOrDefault()))
            .SingleOrDefault()));

    private sealed record ThreadRow(MessageThread Thread, int? JobCustomerId, int? EstimateCustomerId, EstimateStatus? EstimateStatus,
        int? InvoiceCustomerId, InvoiceStatus? InvoiceStatus, int? RequestCustomerId);

    /// <summary>What the access rule asks of a thread's subject, read without loading the record.</summary>
    private sealed record SubjectOwnership(int CustomerId, bool IsVisibleToCustomer) : ICustomerOwned;

    public static async Task<ThreadOnSubject> OnSubjectAsync(PortalDbContext db, MessageThread thread, CancellationToken ct) =>
        new(thread, await LoadAsync(db, thread.SubjectKind, thread.SubjectId, ct));

    /// <summary>
    /// Which of the customer's people may follow the thread: those with Messages and the subject's module, while the
    /// subject is shown to the customer; null (staff only) for a thread on a draft or a record that is gone.
    /// </summary>
    public static PortalModules? Audience(ThreadOnSubject thread) => thread.Thread.SubjectKind switch
    {
        ThreadSubject.General => PortalModules.Messages,
        _ when thread.Subject is not { IsVisibleToCustomer: true } => null,
        ThreadSubject.Job => PortalModules.Messages | PortalModules.Jobs,
        ThreadSubject.Estimate => PortalModules.Messages | PortalModules.Estimates,
        ThreadSubject.Invoice => PortalModules.Messages | PortalModules.Invoices,
        ThreadSubject.Request => PortalModules.Messages | PortalModules.Requests,
        _ => null,
    };

    /// <summary>Number and title of every subject of these threads, keyed by (kind, id).</summary>
    public static async Task<Dictionary<(ThreadSubject, int), (string Number, string Title)>> NamesAsync(
        PortalDbContext db, IEnumerable<(ThreadSubject Kind, int? Id)> subjects, CancellationToken ct)
    {
        var names = new Dictionary<(ThreadSubject, int), (string, string)>();
        var byKind = subjects.Where(s => s.Id is not null).GroupBy(s => s.Kind, s => s.Id!.Value);
        foreach (var group in byKind)
        {
            var ids = group.Distinct().ToList();
            var rows = group.Key switch
            {
                ThreadSubject.Job => await db.Jobs.Where(j => ids.Contains(j.Id)).Select(j => new { j.Id, j.Number, j.Title }).ToListAsync(ct),
                ThreadSubject.Estimate => await db.Estimates.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Number, e.Title }).ToListAsync(ct),
                ThreadSubject.Invoice => await db.Invoices.Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Number, i.Title }).ToListAsync(ct),
                ThreadSubject.Request => await db.ServiceRequests.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Number, r.Title }).ToListAsync(ct),
                _ => [],
            };
            foreach (var row in rows) names[(group.Key, row.Id)] = (row.Number, row.Title);
        }
        return names;
    }

    /// <summary>"Job J-1001 · Spring tune-up"; a general conversation's topic.</summary>
    public static string Title(ThreadSubject kind, string topic, (string Number, string Title)? subject)
    {
        if (kind == ThreadSubject.General) return string.IsNullOrWhiteSpace(topic) ? "General question" : topic;
        var noun = kind.ToString();
        if (subject is not { } s) return $"{noun} (removed)";
        return string.IsNullOrWhiteSpace(s.Title) ? $"{noun} {s.Number}" : $"{noun} {s.Number} · {s.Title}";
    }

    /// <summary>The page of the subject for this actor (the thread shows there too), or the thread's own page.</summary>
    public static string? Link(Actor actor, ThreadSubject kind, int? subjectId)
    {
        var area = actor.IsCustomer ? "portal" : "staff";
        return kind switch
        {
            ThreadSubject.Job => $"/{area}/jobs/{subjectId}",
            ThreadSubject.Estimate => $"/{area}/estimates/{subjectId}",
            ThreadSubject.Invoice => $"/{area}/invoices/{subjectId}",
            ThreadSubject.Request => $"/{area}/requests/{subjectId}",
            _ => null,
        };
    }
}
