using System.Data.Common;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Insights;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Messaging;

/// <summary>
/// Message threads between the business and its customers: reading, posting (stored first, then published; a repeated
/// client id stores nothing new), read positions, typing, the staff inbox and unread counts. Every call asks
/// <see cref="AccessRules"/>; a thread a portal user may not see is "not found" for them, and internal notes never
/// reach them.
/// </summary>
public sealed class MessagingService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings,
    ILiveEventPublisher live, MessageSendThrottle throttle, MessageNotifications notifications, AttachmentService attachments,
    IOptions<MessagingOptions> options, WriteGate writeGate, InsightsChangeMarker insights, PortalMetrics metrics, ILogger<MessagingService> logger)
{
    public const string NotFoundMessage = "That conversation was not found.";
    private readonly MessagingOptions _options = options.Value;

    /// <summary>The thread on a job, estimate or invoice, started on first open (by staff, or a customer who may see the record).</summary>
    public async Task<Result<ThreadView>> GetThreadForSubjectAsync(Actor actor, ThreadSubject kind, int subjectId, CancellationToken ct)
    {
        if (kind == ThreadSubject.General || !access.Can(actor, Operation.ViewMessages)) return NotFound<ThreadView>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var threadId = await db.MessageThreads.Where(t => t.SubjectKind == kind && t.SubjectId == subjectId).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct);
        if (threadId is null)
        {
            var subject = await ThreadSubjects.LoadAsync(db, kind, subjectId, ct);
            if (subject is null) return NotFound<ThreadView>();
            var thread = new MessageThread(subject.CustomerId, kind, subjectId, Now);
            if (!access.Can(actor, Operation.ViewMessages, new ThreadOnSubject(thread, subject))) return NotFound<ThreadView>();
            db.MessageThreads.Add(thread);
            try
            {
                await db.SaveChangesAsync(ct);
                threadId = thread.Id;
            }
            catch (DbUpdateException)
            {
                // Someone else opened it first: theirs is the one thread.
                db.ChangeTracker.Clear();
                threadId = await db.MessageThreads.Where(t => t.SubjectKind == kind && t.SubjectId == subjectId).Select(t => (int?)t.Id).SingleAsync(ct);
            }
        }
        return await GetThreadAsync(actor, threadId!.Value, ct);
    }

    /// <summary>A thread with its newest messages, read positions and what the actor may do in it.</summary>
    public async Task<Result<ThreadView>> GetThreadAsync(Actor actor, int threadId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindVisibleAsync(db, actor, threadId, ct);
        if (found is null) return NotFound<ThreadView>();
        var company = await companySettings.GetAsync(ct);

        var newest = await VisibleMessages(db, actor, threadId).OrderByDescending(m => m.Id).Take(_options.MessagesPerPage + 1).ToListAsync(ct);
        var hasOlder = newest.Count > _options.MessagesPerPage;
        var messages = await ToViewsAsync(db, actor, company, newest.Take(_options.MessagesPerPage).OrderBy(m => m.Id).ToList(), ct);
        var summary = (await SummariesAsync(db, actor, company, [found.Thread], ct))[0];
        return new ThreadView(summary, messages, hasOlder, await ReadPositionsAsync(db, actor, company, found.Thread, ct),
            access.Can(actor, Operation.SendMessage, found), access.MayWriteInternalNote(actor), ThreadSubjects.Audience(found));
    }

    /// <summary>The messages after <paramref name="afterMessageId"/> in store order (at most 1,000; ask again from the last one for more).</summary>
    public async Task<Result<IReadOnlyList<ThreadMessage>>> MessagesAfterAsync(Actor actor, int threadId, long afterMessageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindVisibleAsync(db, actor, threadId, ct) is null) return NotFound<IReadOnlyList<ThreadMessage>>();
        var rows = await VisibleMessages(db, actor, threadId).Where(m => m.Id > afterMessageId).OrderBy(m => m.Id).Take(1000).ToListAsync(ct);
        return Result<IReadOnlyList<ThreadMessage>>.Ok(await ToViewsAsync(db, actor, await companySettings.GetAsync(ct), rows, ct));
    }

    /// <summary>The page of messages before <paramref name="beforeMessageId"/>, oldest first, for "show earlier messages".</summary>
    public async Task<Result<IReadOnlyList<ThreadMessage>>> MessagesBeforeAsync(Actor actor, int threadId, long beforeMessageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindVisibleAsync(db, actor, threadId, ct) is null) return NotFound<IReadOnlyList<ThreadMessage>>();
        var rows = await VisibleMessages(db, actor, threadId).Where(m => m.Id < beforeMessageId).OrderByDescending(m => m.Id)
            .Take(_options.MessagesPerPage).ToListAsync(ct);
        rows.Reverse();
        return Result<IReadOnlyList<ThreadMessage>>.Ok(await ToViewsAsync(db, actor, await companySettings.GetAsync(ct), rows, ct));
    }

    /// <summary>
    /// Posts a message: checked, stored with its notifications in one transaction, then published. The same client id
    /// again returns the stored message and stores nothing.
    /// </summary>
    public async Task<Result<ThreadMessage>> PostAsync(Actor actor, PostMessage post, CancellationToken ct)
    {
        var body = (post.Body ?? "").Trim();
        var attachmentIds = post.AttachmentIds?.Distinct().ToList() ?? [];
        if (post.ClientMessageId == Guid.Empty) return Result<ThreadMessage>.From(Result.Invalid("Body", "The message has no client id."));
        if (body.Length == 0 && attachmentIds.Count == 0) return Result<ThreadMessage>.From(Result.Invalid("Body", "Write a message first."));
        if (body.Length > _options.MaxMessageLength) return Result<ThreadMessage>.From(TooLong(body.Length));
        if (attachmentIds.Count > _options.MaxFilesPerMessage)
            return Result<ThreadMessage>.From(Result.Invalid("Files", $"Send at most {_options.MaxFilesPerMessage} files with one message."));
        if (post.InternalNote && !access.MayWriteInternalNote(actor)) return Result<ThreadMessage>.From(Result.Forbidden("Only staff can write internal notes."));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One connection for the whole post instead of one per statement before the transaction.
        await db.Database.OpenConnectionAsync(ct);
        var found = await FindVisibleAsync(db, actor, post.ThreadId, ct, tracked: true);
        if (found is null) return NotFound<ThreadMessage>();
        if (!access.Can(actor, Operation.SendMessage, found) || ParticipantRef.Of(actor) is not { } me)
            return Result<ThreadMessage>.From(Result.Forbidden("You can read this conversation but not write in it."));
        var company = await companySettings.GetAsync(ct);

        // A repeated client id is found by the unique index when it is stored (below), so the usual send reads nothing
        // extra; only a sender over the rate limit is first asked whether this is a resend of a stored message.
        if (!await throttle.TryTakeAsync(me.Key, ct))
            return await ExistingAsync(db, actor, company, post, ct)
                ?? Result<ThreadMessage>.From(Result.Invalid("Body", "You are sending messages too quickly. Please wait a minute and send again; your message is kept."));

        var thread = found.Thread;
        var now = Now;
        var files = attachmentIds.Count == 0 ? [] : await db.Attachments.Where(a => attachmentIds.Contains(a.Id)).ToListAsync(ct);
        if (files.Count != attachmentIds.Count || files.Any(a => a.ThreadId != thread.Id || a.MessageId is not null))
            return Result<ThreadMessage>.From(Result.Invalid("Files", "A file of this message was not found. Attach it again."));

        var author = actor.IsStaff
            ? new MessageAuthor(MessageAuthorKind.Staff, actor.Name, actor.StaffUserId, null)
            : new MessageAuthor(MessageAuthorKind.Customer, actor.Name, null, actor.PortalUserId);
        var audience = post.InternalNote ? null : ThreadSubjects.Audience(found);
        var candidates = post.InternalNote ? [] : await notifications.CandidatesAsync(db, company, thread, author.Kind, audience, ct);
        // One writer per thread (on SQLite one at all), queued without blocking a thread (see WriteGate). Held until the
        // message is published, so connections get a thread's messages in store order: a client that rejoins from the
        // last id it got must not have been handed a later message before an earlier one.
        using var writing = await writeGate.EnterThreadAsync(thread.Id, ct);
        // The same across instances (PostgreSQL): released after the publish below, when the method returns.
        await using var publishOrder = await ThreadPublishOrder.HoldAsync(db, thread.Id, logger, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Posts in one thread must take their ids in commit order, so a reader that resyncs "after id N" can never skip a
        // message that commits later with a smaller id. SQLite has one writer and assigns the id under its write lock;
        // elsewhere, writing the thread row first locks it until commit.
        if (!db.Database.IsSqlite())
            await db.MessageThreads.Where(t => t.Id == thread.Id).ExecuteUpdateAsync(set => set.SetProperty(t => t.LastMessageAtUtc, now), ct);
        var participants = await ParticipantsOf.For(db)(db, thread.Id).ToListAsync(ct);
        var own = participants.FirstOrDefault(p => actor.IsStaff ? p.StaffUserId == actor.StaffUserId : p.PortalUserId == actor.PortalUserId);
        if (own is null)
        {
            own = actor.IsStaff ? ThreadParticipant.ForStaff(thread.Id, actor.StaffUserId!.Value) : ThreadParticipant.ForPortalUser(thread.Id, actor.PortalUserId!.Value);
            db.ThreadParticipants.Add(own);
            participants.Add(own);
        }
        var message = thread.Post(author, body, post.ClientMessageId, now, post.InternalNote);
        await notifications.QueueAsync(db, company, thread, candidates, participants, author.Kind, actor.Name, body, now, ct);

        // The message, the thread's summary and the sender's read position are written as plain statements (DirectWrites):
        // through SaveChanges they cost several times as much. Insights is told what a save would have told it. Changes
        // are detected twice by hand, not by every call below that looks at them.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ChangeTracker.DetectChanges();
        await insights.MarkAsync(db, ct);
        try
        {
            await DirectWrites.InsertAsync(db, db.Entry(message), ct);
        }
        catch (DbException)
        {
            // This client id is stored already (a resend, or the same message from another connection): that one is the message.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await ExistingAsync(db, actor, company, post, ct) ?? throw new InvalidOperationException("A message failed to store.");
        }
        thread.Stored(message);
        own.ReadUpTo(message.Id, now);
        foreach (var file in files)
        {
            file.SentWith(message.Id);
            file.VisibleToCustomer = !post.InternalNote;
        }
        db.ChangeTracker.DetectChanges();
        // The sender's first post in the thread makes their read position: inserted the same way.
        if (db.Entry(own).State == EntityState.Added) await DirectWrites.InsertAsync(db, db.Entry(own), ct);
        await DirectWrites.UpdateAsync(db, [db.Entry(thread), db.Entry(own)], ct);
        // Rarely anything else: someone to notify, files.
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        metrics.MessageStored(post.InternalNote);

        var view = ToView(message, company, files.Select(f => AttachmentService.ToView(f, company)).ToList());
        await live.PublishAsync(new MessagePosted(thread.CustomerId, view, audience), CancellationToken.None);
        return view;
    }

    /// <summary>
    /// Starts a general conversation ("Ask us anything") with its first message. Customers start them for themselves;
    /// staff may start one with any customer. A repeated client id returns the conversation it already started.
    /// </summary>
    public async Task<Result<int>> StartConversationAsync(Actor actor, int customerId, string topic, Guid clientMessageId, string body, CancellationToken ct)
    {
        topic = (topic ?? "").Trim();
        body = (body ?? "").Trim();
        if (!access.CanReachCustomer(actor, Operation.SendMessage, customerId) || ParticipantRef.Of(actor) is null)
            return Result<int>.From(Result.Forbidden("You cannot start a conversation here."));
        var errors = new Dictionary<string, string>();
        if (topic.Length == 0) errors["Topic"] = "Say in a few words what it is about.";
        else if (topic.Length > MessageThread.TopicMaxLength) errors["Topic"] = $"Keep the topic under {MessageThread.TopicMaxLength} characters.";
        if (body.Length == 0) errors["Body"] = "Write your message.";
        else if (body.Length > _options.MaxMessageLength) errors["Body"] = TooLong(body.Length).Message;
        if (errors.Count > 0) return Result<int>.From(Result.Invalid(errors.Values.First(), errors));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) return Result<int>.From(Result.NotFound("That customer was not found."));
        var earlier = await db.Messages.Where(m => m.ClientMessageId == clientMessageId)
            .Join(db.MessageThreads.Where(t => t.CustomerId == customerId), m => m.ThreadId, t => t.Id, (m, t) => (int?)t.Id).FirstOrDefaultAsync(ct);
        if (earlier is { } existing) return existing;

        var thread = new MessageThread(customerId, ThreadSubject.General, null, Now, topic);
        db.MessageThreads.Add(thread);
        await db.SaveChangesAsync(ct);
        var posted = await PostAsync(actor, new PostMessage(thread.Id, clientMessageId, body), ct);
        if (!posted.Succeeded)
        {
            // Nothing half-made stays behind: an empty conversation is removed again.
            await db.MessageThreads.Where(t => t.Id == thread.Id && t.LastMessageId == null).ExecuteDeleteAsync(ct);
            return Result<int>.From(posted);
        }
        return thread.Id;
    }

    /// <summary>
    /// Stores a file or picture for a message not sent yet (the upload rules of attachments apply). Send it by passing its
    /// id with the message. Files for an internal note stay hidden from customers.
    /// </summary>
    public async Task<Result<AttachmentView>> UploadAsync(Actor actor, int threadId, Stream content, string fileName, bool internalNote, CancellationToken ct)
    {
        if (internalNote && !access.MayWriteInternalNote(actor)) return Result<AttachmentView>.From(Result.Forbidden("Only staff can write internal notes."));
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var found = await FindVisibleAsync(db, actor, threadId, ct);
            if (found is null) return NotFound<AttachmentView>();
            if (!access.Can(actor, Operation.SendMessage, found)) return Result<AttachmentView>.From(Result.Forbidden("You can read this conversation but not write in it."));
        }
        return await attachments.StoreAsync(actor, new AttachmentOwner(AttachmentOwnerKind.Thread, threadId), content, fileName,
            new UploadSettings(VisibleToCustomer: !internalNote), ct);
    }

    /// <summary>Moves the actor's read position forward to <paramref name="lastMessageId"/> and tells the others ("Seen").</summary>
    public async Task<Result> MarkReadAsync(Actor actor, int threadId, long lastMessageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindVisibleAsync(db, actor, threadId, ct);
        if (found is null) return Result.NotFound(NotFoundMessage);
        if (ParticipantRef.Of(actor) is not { } me) return Result.Success();
        var upTo = Math.Min(lastMessageId, found.Thread.LastMessageId ?? 0);
        var now = Now;
        for (var attempt = 0; ; attempt++)
        {
            var participant = await ParticipantAsync(db, threadId, actor, ct);
            if (participant is null || !participant.ReadUpTo(upTo, now)) return Result.Success();
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
        var company = await companySettings.GetAsync(ct);
        await live.PublishAsync(new ThreadRead(found.Thread.CustomerId, threadId, new ReadPosition(me, upTo, company.ToLocal(now)),
            ThreadSubjects.Audience(found)), CancellationToken.None);
        return Result.Success();
    }

    /// <summary>Tells the others in the thread that the actor is typing (a note's typing only to staff). Nothing is stored.</summary>
    public async Task<Result> TypingAsync(Actor actor, int threadId, bool internalNote, CancellationToken ct)
    {
        if (internalNote && !access.MayWriteInternalNote(actor)) return Result.Forbidden("Only staff can write internal notes.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindVisibleAsync(db, actor, threadId, ct);
        if (found is null) return Result.NotFound(NotFoundMessage);
        if (!access.Can(actor, Operation.SendMessage, found) || ParticipantRef.Of(actor) is not { } me) return Result.Forbidden();
        await live.PublishAsync(new ThreadTyping(found.Thread.CustomerId, threadId, me, internalNote ? null : ThreadSubjects.Audience(found)), CancellationToken.None);
        return Result.Success();
    }

    /// <summary>The staff inbox: threads with messages, newest activity first, filtered and searched.</summary>
    public async Task<Result<PagedList<ThreadSummary>>> InboxAsync(Actor actor, InboxQuery query, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageMessages)) return Result<PagedList<ThreadSummary>>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = actor.StaffUserId ?? 0;
        var threads = db.MessageThreads.AsNoTracking().Where(t => t.LastMessageId != null);
        if (query.CustomerId is { } customerId) threads = threads.Where(t => t.CustomerId == customerId);
        threads = query.Filter switch
        {
            InboxFilter.Done => threads.Where(t => t.DoneAtUtc != null),
            InboxFilter.All => threads,
            _ => threads.Where(t => t.DoneAtUtc == null),
        };
        if (query.Filter == InboxFilter.AssignedToMe) threads = threads.Where(t => t.AssignedStaffUserId == me);
        if (query.Filter == InboxFilter.Unassigned) threads = threads.Where(t => t.AssignedStaffUserId == null);
        if (query.Filter == InboxFilter.Waiting) threads = threads.Where(ThreadWaiting.IsWaiting);
        if (query.Filter == InboxFilter.Unread)
            threads = threads.Where(t => t.LastCustomerMessageId > (db.ThreadParticipants
                .Where(p => p.ThreadId == t.Id && p.StaffUserId == me).Select(p => (long?)p.LastReadMessageId).FirstOrDefault() ?? 0));
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var customers = db.Customers.Matching(query.Search).Select(c => c.Id);
            var pattern = SqlLike.Anywhere(query.Search);
            threads = threads.Where(t => customers.Contains(t.CustomerId) || EF.Functions.Like(t.Topic.ToLower(), pattern, SqlLike.Escape)
                || db.Messages.Any(m => m.ThreadId == t.Id && EF.Functions.Like(m.Body.ToLower(), pattern, SqlLike.Escape)));
        }

        var total = await threads.CountAsync(ct);
        var ordered = query.Filter == InboxFilter.Waiting
            ? threads.Where(ThreadWaiting.IsWaiting).OrderBy(t => t.WaitingSinceUtc).ThenBy(t => t.Id)
            : threads.OrderByDescending(t => t.LastMessageAtUtc).ThenByDescending(t => t.Id);
        var page = await ordered.Skip(query.SafePage.Skip).Take(query.SafePage.SafePageSize).ToListAsync(ct);
        var company = await companySettings.GetAsync(ct);
        return new PagedList<ThreadSummary>(await SummariesAsync(db, actor, company, page, ct), total);
    }

    /// <summary>
    /// A customer's threads that have messages (and every general conversation), newest first: the portal's Messages page
    /// (only what the portal user may see) and the customer profile for staff.
    /// </summary>
    public async Task<Result<IReadOnlyList<ThreadSummary>>> ListForCustomerAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!access.CanReachCustomer(actor, Operation.ViewMessages, customerId)) return Result<IReadOnlyList<ThreadSummary>>.From(Result.NotFound());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var threads = await db.MessageThreads.AsNoTracking()
            .Where(t => t.CustomerId == customerId && (t.LastMessageId != null || t.SubjectKind == ThreadSubject.General))
            .OrderByDescending(t => t.LastMessageAtUtc).ThenByDescending(t => t.Id).Take(500).ToListAsync(ct);
        var visible = await VisibleToAsync(db, actor, threads, ct);
        if (actor.IsCustomer) visible = [.. visible.Where(t => t.Thread.LastPublicMessageId != null || t.Thread.SubjectKind == ThreadSubject.General)];
        var company = await companySettings.GetAsync(ct);
        return Result<IReadOnlyList<ThreadSummary>>.Ok(await SummariesAsync(db, actor, company, visible.Select(t => t.Thread).ToList(), ct));
    }

    /// <summary>How many threads (and messages in them) the actor has not read: the navigation badge.</summary>
    public async Task<UnreadCount> UnreadAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (access.Can(actor, Operation.ManageMessages) && actor.StaffUserId is { } staffId)
        {
            var rows = await db.MessageThreads.Where(t => t.DoneAtUtc == null && t.LastCustomerMessageId != null)
                .Select(t => new
                {
                    t.Id,
                    t.LastCustomerMessageId,
                    Read = db.ThreadParticipants.Where(p => p.ThreadId == t.Id && p.StaffUserId == staffId).Select(p => (long?)p.LastReadMessageId).FirstOrDefault() ?? 0,
                })
                .Where(t => t.LastCustomerMessageId > t.Read)
                .Select(t => db.Messages.Count(m => m.ThreadId == t.Id && m.AuthorKind == MessageAuthorKind.Customer && m.Id > t.Read))
                .ToListAsync(ct);
            return new UnreadCount(rows.Count, rows.Sum());
        }
        if (!actor.IsCustomer || actor.CustomerId is not { } customerId || actor.PortalUserId is not { } portalUserId
            || !access.Can(actor, Operation.ViewMessages))
            return new UnreadCount(0, 0);

        var candidates = await db.MessageThreads.AsNoTracking()
            .Where(t => t.CustomerId == customerId && t.LastPublicMessageId != null
                && t.LastPublicMessageId > (db.ThreadParticipants.Where(p => p.ThreadId == t.Id && p.PortalUserId == portalUserId)
                    .Select(p => (long?)p.LastReadMessageId).FirstOrDefault() ?? 0))
            .ToListAsync(ct);
        var visibleIds = (await VisibleToAsync(db, actor, candidates, ct)).Select(t => t.Thread.Id).ToList();
        var counts = await UnreadByThreadAsync(db, actor, visibleIds, ct);
        var unread = counts.Values.Where(c => c > 0).ToList();
        return new UnreadCount(unread.Count, unread.Sum());
    }

    public Task<Result> AssignAsync(Actor actor, int threadId, int? staffUserId, CancellationToken ct) =>
        TriageAsync(actor, threadId, async (db, thread) =>
        {
            if (staffUserId is { } id && !await db.StaffUsers.AnyAsync(s => s.Id == id && s.IsActive, ct))
                return Result.Invalid("Assignee", "That staff member was not found or is not active.");
            thread.AssignTo(staffUserId);
            return Result.Success();
        }, ct);

    public Task<Result> MarkDoneAsync(Actor actor, int threadId, CancellationToken ct) =>
        TriageAsync(actor, threadId, (_, thread) =>
        {
            thread.MarkDone(Now);
            return Task.FromResult(Result.Success());
        }, ct);

    public Task<Result> ReopenAsync(Actor actor, int threadId, CancellationToken ct) =>
        TriageAsync(actor, threadId, (_, thread) =>
        {
            thread.Reopen();
            return Task.FromResult(Result.Success());
        }, ct);

    /// <summary>Active staff to assign threads to.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> AssigneesAsync(Actor actor, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageMessages)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = await db.StaffUsers.Where(s => s.IsActive).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        return staff.Select(s => (s.Id, s.Name)).ToList();
    }

    /// <summary>Whether the staff member gets an e-mail about new customer messages in unassigned threads.</summary>
    public async Task<bool> GetEmailsAboutUnassignedAsync(Actor actor, CancellationToken ct)
    {
        if (actor.StaffUserId is not { } id) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StaffUsers.Where(s => s.Id == id).Select(s => s.EmailsAboutUnassignedMessages).SingleOrDefaultAsync(ct);
    }

    public async Task<Result> ChooseEmailsAboutUnassignedAsync(Actor actor, bool wanted, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageMessages) || actor.StaffUserId is not { } id) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = await db.StaffUsers.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null) return Result.NotFound();
        staff.ChooseMessageEmails(wanted);
        await db.SaveChangesAsync(ct);
        return Result.Success(wanted ? "You will get an e-mail about new messages nobody is assigned to." : "No more e-mails about unassigned messages.");
    }

    private async Task<Result> TriageAsync(Actor actor, int threadId, Func<PortalDbContext, MessageThread, Task<Result>> change, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageMessages)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thread = await db.MessageThreads.SingleOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null) return Result.NotFound(NotFoundMessage);
        var result = await change(db, thread);
        if (!result.Succeeded) return result;
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new ThreadChanged(thread.CustomerId, thread.Id), CancellationToken.None);
        return result;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Result TooLong(int length) => Result.Invalid("Body",
        $"A message can be at most {_options.MaxMessageLength:N0} characters; this one has {length:N0}. Shorten it or send it in parts.");

    private static Result<T> NotFound<T>() => Result<T>.From(Result.NotFound(NotFoundMessage));

    /// <summary>The thread with its subject, when the actor may read it; null otherwise (also for a thread that does not exist).</summary>
    private async Task<ThreadOnSubject?> FindVisibleAsync(PortalDbContext db, Actor actor, int threadId, CancellationToken ct, bool tracked = false)
    {
        var found = await ThreadSubjects.FindAsync(db, threadId, tracked, ct);
        return found is not null && access.Can(actor, Operation.ViewMessages, found) ? found : null;
    }

    private async Task<List<ThreadOnSubject>> VisibleToAsync(PortalDbContext db, Actor actor, IReadOnlyList<MessageThread> threads, CancellationToken ct)
    {
        var visible = new List<ThreadOnSubject>(threads.Count);
        foreach (var thread in threads)
        {
            var found = actor.IsCustomer ? await ThreadSubjects.OnSubjectAsync(db, thread, ct) : new ThreadOnSubject(thread, null);
            if (!actor.IsCustomer || access.Can(actor, Operation.ViewMessages, found)) visible.Add(found);
        }
        return visible;
    }

    private IQueryable<Message> VisibleMessages(PortalDbContext db, Actor actor, int threadId)
    {
        var messages = db.Messages.AsNoTracking().Where(m => m.ThreadId == threadId);
        return access.MaySeeMessage(actor, isInternalNote: true) ? messages : messages.Where(m => !m.IsInternalNote);
    }

    private async Task<Result<ThreadMessage>?> ExistingAsync(PortalDbContext db, Actor actor, CompanySettings company, PostMessage post, CancellationToken ct)
    {
        var existing = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.ThreadId == post.ThreadId && m.ClientMessageId == post.ClientMessageId, ct);
        if (existing is null) return null;
        var sameAuthor = actor.IsStaff ? existing.StaffUserId == actor.StaffUserId : existing.PortalUserId == actor.PortalUserId;
        if (!sameAuthor) return Result<ThreadMessage>.From(Result.Conflict("That message id is already used. Send the message again."));
        return (await ToViewsAsync(db, actor, company, [existing], ct))[0];
    }

    private static readonly PerModel<Func<PortalDbContext, int, IAsyncEnumerable<ThreadParticipant>>> ParticipantsOf = new(() =>
        EF.CompileAsyncQuery((PortalDbContext db, int threadId) => db.ThreadParticipants.Where(p => p.ThreadId == threadId)));

    private static async Task<ThreadParticipant?> ParticipantAsync(PortalDbContext db, int threadId, Actor actor, CancellationToken ct)
    {
        if (ParticipantRef.Of(actor) is null) return null;
        var participant = actor.IsStaff
            ? await db.ThreadParticipants.SingleOrDefaultAsync(p => p.ThreadId == threadId && p.StaffUserId == actor.StaffUserId, ct)
            : await db.ThreadParticipants.SingleOrDefaultAsync(p => p.ThreadId == threadId && p.PortalUserId == actor.PortalUserId, ct);
        if (participant is not null) return participant;
        participant = actor.IsStaff
            ? ThreadParticipant.ForStaff(threadId, actor.StaffUserId!.Value)
            : ThreadParticipant.ForPortalUser(threadId, actor.PortalUserId!.Value);
        db.ThreadParticipants.Add(participant);
        return participant;
    }

    private async Task<IReadOnlyList<ThreadMessage>> ToViewsAsync(PortalDbContext db, Actor actor, CompanySettings company, IReadOnlyList<Message> messages, CancellationToken ct)
    {
        if (messages.Count == 0) return [];
        var ids = messages.Select(m => m.Id).ToList();
        var files = db.Attachments.AsNoTracking().Where(a => a.MessageId != null && ids.Contains(a.MessageId.Value));
        if (!access.MaySeeMessage(actor, isInternalNote: true)) files = files.Where(a => a.VisibleToCustomer);
        var byMessage = (await files.OrderBy(a => a.Id).ToListAsync(ct)).ToLookup(a => a.MessageId!.Value);
        return messages.Select(m => ToView(m, company, byMessage[m.Id].Select(a => AttachmentService.ToView(a, company)).ToList())).ToList();
    }

    private static ThreadMessage ToView(Message m, CompanySettings company, IReadOnlyList<AttachmentView> files) =>
        new(m.Id, m.ThreadId, m.ClientMessageId, m.SentAtUtc, company.ToLocal(m.SentAtUtc), m.AuthorKind, m.AuthorName, m.StaffUserId,
            m.PortalUserId, m.Body, m.IsInternalNote, files);

    private async Task<IReadOnlyList<ReadPosition>> ReadPositionsAsync(PortalDbContext db, Actor actor, CompanySettings company, MessageThread thread, CancellationToken ct)
    {
        var staff = await db.ThreadParticipants.Where(p => p.ThreadId == thread.Id && p.StaffUserId != null && p.LastReadAtUtc != null)
            .Join(db.StaffUsers, p => p.StaffUserId, s => s.Id, (p, s) => new { Key = "s:" + s.Id, s.Name, IsStaff = true, p.LastReadMessageId, p.LastReadAtUtc })
            .ToListAsync(ct);
        var people = await db.ThreadParticipants.Where(p => p.ThreadId == thread.Id && p.PortalUserId != null && p.LastReadAtUtc != null)
            .Join(db.PortalUsers, p => p.PortalUserId, u => u.Id, (p, u) => new { Key = "p:" + u.Id, u.Name, IsStaff = false, p.LastReadMessageId, p.LastReadAtUtc })
            .ToListAsync(ct);
        return staff.Concat(people)
            .Select(p => new ReadPosition(new ParticipantRef(p.Key, p.Name, p.IsStaff), p.LastReadMessageId, company.ToLocal(p.LastReadAtUtc!.Value)))
            .ToList();
    }

    private async Task<IReadOnlyList<ThreadSummary>> SummariesAsync(PortalDbContext db, Actor actor, CompanySettings company, IReadOnlyList<MessageThread> threads, CancellationToken ct)
    {
        if (threads.Count == 0) return [];
        var names = await ThreadSubjects.NamesAsync(db, threads.Select(t => (t.SubjectKind, t.SubjectId)), ct);
        var customerIds = threads.Select(t => t.CustomerId).Distinct().ToList();
        var customers = await db.Customers.Where(c => customerIds.Contains(c.Id)).Select(c => new { c.Id, c.DisplayName }).ToDictionaryAsync(c => c.Id, c => c.DisplayName, ct);
        var assigneeIds = threads.Select(t => t.AssignedStaffUserId).OfType<int>().Distinct().ToList();
        var assignees = await db.StaffUsers.Where(s => assigneeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var unread = await UnreadByThreadAsync(db, actor, threads.Select(t => t.Id).ToList(), ct);
        return threads.Select(t =>
        {
            (string, string)? subject = t.SubjectId is { } id && names.TryGetValue((t.SubjectKind, id), out var name) ? name : null;
            return new ThreadSummary(t.Id, t.CustomerId, customers.GetValueOrDefault(t.CustomerId, ""), t.SubjectKind, t.SubjectId,
                ThreadSubjects.Title(t.SubjectKind, t.Topic, subject), ThreadSubjects.Link(actor, t.SubjectKind, t.SubjectId),
                t.LastMessageAtUtc is { } last ? company.ToLocal(last) : null, t.Preview,
                actor.IsStaff ? t.AssignedStaffUserId : null,
                actor.IsStaff && t.AssignedStaffUserId is { } a ? assignees.GetValueOrDefault(a, "") : "",
                actor.IsStaff && t.IsDone, unread.GetValueOrDefault(t.Id));
        }).ToList();
    }

    /// <summary>
    /// Unread messages per thread for the actor: for staff, customers' messages after their read position; for a portal
    /// user, messages they may read that others wrote after theirs.
    /// </summary>
    private static async Task<Dictionary<int, int>> UnreadByThreadAsync(PortalDbContext db, Actor actor, IReadOnlyList<int> threadIds, CancellationToken ct)
    {
        if (threadIds.Count == 0 || ParticipantRef.Of(actor) is null) return [];
        if (actor.IsStaff)
        {
            var staffId = actor.StaffUserId;
            return await db.Messages.Where(m => threadIds.Contains(m.ThreadId) && m.AuthorKind == MessageAuthorKind.Customer
                    && m.Id > (db.ThreadParticipants.Where(p => p.ThreadId == m.ThreadId && p.StaffUserId == staffId)
                        .Select(p => (long?)p.LastReadMessageId).FirstOrDefault() ?? 0))
                .GroupBy(m => m.ThreadId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        }
        var portalUserId = actor.PortalUserId;
        return await db.Messages.Where(m => threadIds.Contains(m.ThreadId) && !m.IsInternalNote && (m.PortalUserId == null || m.PortalUserId != portalUserId)
                && m.Id > (db.ThreadParticipants.Where(p => p.ThreadId == m.ThreadId && p.PortalUserId == portalUserId)
                    .Select(p => (long?)p.LastReadMessageId).FirstOrDefault() ?? 0))
            .GroupBy(m => m.ThreadId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}
