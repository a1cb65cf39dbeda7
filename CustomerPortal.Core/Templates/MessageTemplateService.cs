using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Templates;

/// <summary>One event's template on one channel, as the list and the editor show it.</summary>
public sealed record TemplateSummary(TemplateEvent Event, MessageChannel Channel, string Title, bool IsCustomized, DateTime? UpdatedAtUtc);

/// <summary>What the editor needs: the current text, the shipped default, and the fields this event can fill.</summary>
public sealed record TemplateEditorModel(
    TemplateEvent Event, MessageChannel Channel, string Title, TemplateText Current, TemplateText Default, bool IsCustomized,
    IReadOnlyList<MergeTagInfo> Fields);

/// <summary>
/// A rendered preview: the e-mail (subject, HTML, text) or the SMS and its length. <see cref="SafeHtml"/> is the
/// e-mail's HTML with scripts, event handlers and other active content removed, for showing inside the staff page.
/// </summary>
public sealed record TemplatePreview(ComposedEmail? Email, string? Sms, SmsLength? SmsLength, string SafeHtml = "");

/// <summary>
/// Staff edit the wording of each event's e-mail and SMS. A template is saved only when every field in it parses and
/// belongs to that event; problems come back per part ("Subject", "Body") with line and column, never at send time.
/// </summary>
public sealed class MessageTemplateService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, MergeTemplateCache cache, CompanySettingsService companySettings,
    PortalLinks links, AuditLog audit, TimeProvider clock)
{
    public const int MaxSubjectLength = 500;
    public const int MaxBodyLength = 20_000;
    public const int MaxSmsLength = 1_600;

    public async Task<Result<IReadOnlyList<TemplateSummary>>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageTemplates)) return Result<IReadOnlyList<TemplateSummary>>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.MessageTemplates.AsNoTracking().Where(t => t.IsActive).ToListAsync(ct);
        return Enum.GetValues<TemplateEvent>()
            .SelectMany(e => new[] { MessageChannel.Email, MessageChannel.Sms }.Select(channel =>
            {
                var own = stored.FirstOrDefault(t => t.Key == TemplateKeys.Of(e) && t.Channel == channel);
                return new TemplateSummary(e, channel, TemplateKeys.Title(e), own is not null, own?.UpdatedAtUtc);
            }))
            .ToList();
    }

    public async Task<Result<TemplateEditorModel>> GetAsync(Actor actor, TemplateEvent templateEvent, MessageChannel channel, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageTemplates)) return Result<TemplateEditorModel>.From(Result.Forbidden());
        if (!Enum.IsDefined(templateEvent)) return Result<TemplateEditorModel>.From(Result.NotFound("No such template."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var own = await FindAsync(db, templateEvent, channel, tracked: false, ct);
        var fallback = DefaultOf(templateEvent, channel);
        return new TemplateEditorModel(templateEvent, channel, TemplateKeys.Title(templateEvent),
            own is null ? fallback : new TemplateText(own.Subject, own.Body), fallback, own is not null, MergeTagCatalog.For(templateEvent));
    }

    /// <summary>Saves the business's wording after checking it; the next message of this event uses it.</summary>
    public async Task<Result> SaveAsync(Actor actor, TemplateEvent templateEvent, MessageChannel channel, TemplateText text, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageTemplates)) return Result.Forbidden();
        if (!Enum.IsDefined(templateEvent)) return Result.NotFound("No such template.");
        var checkedText = Check(templateEvent, channel, text);
        if (!checkedText.Succeeded) return checkedText;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var own = await FindAsync(db, templateEvent, channel, tracked: true, ct);
        if (own is null)
            db.MessageTemplates.Add(new MessageTemplate(templateEvent, channel, checkedText.Value!, now));
        else
            own.Revise(checkedText.Value!, now);
        audit.Add(db, actor, "template.saved", nameof(MessageTemplate), $"{TemplateKeys.Of(templateEvent)}/{channel}", null,
            $"{TemplateKeys.Title(templateEvent)} ({channel})");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people saved the first version of the same template at once: the unique index kept one.
            return Result.Conflict("Someone else saved this template just now. Reload it to see their version.");
        }
        return Result.Success("Template saved. The next message uses it.");
    }

    /// <summary>Goes back to the shipped wording.</summary>
    public async Task<Result> ResetAsync(Actor actor, TemplateEvent templateEvent, MessageChannel channel, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageTemplates)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var own = await FindAsync(db, templateEvent, channel, tracked: true, ct);
        if (own is null) return Result.Success("This template already uses the default wording.");
        db.MessageTemplates.Remove(own);
        audit.Add(db, actor, "template.reset", nameof(MessageTemplate), $"{TemplateKeys.Of(templateEvent)}/{channel}", null,
            $"{TemplateKeys.Title(templateEvent)} ({channel}) back to the default");
        await db.SaveChangesAsync(ct);
        return Result.Success("Back to the default wording.");
    }

    /// <summary>
    /// Renders unsaved text with a real customer's names and the company's details (example values for the rest), or
    /// with example values only when no customer is chosen. Problems come back as for a save.
    /// </summary>
    public async Task<Result<TemplatePreview>> PreviewAsync(Actor actor, TemplateEvent templateEvent, MessageChannel channel, TemplateText text,
        int? customerId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageTemplates)) return Result<TemplatePreview>.From(Result.Forbidden());
        var checkedText = Check(templateEvent, channel, text);
        if (!checkedText.Succeeded) return Result<TemplatePreview>.From(checkedText);

        var values = MergeTagCatalog.Examples();
        if (customerId is not null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
                .Select(c => new { Names = new CustomerNames(c.DisplayName, c.FirstName, c.LastName), Contact = c.FirstName + " " + c.LastName })
                .SingleOrDefaultAsync(ct);
            if (customer is null) return Result<TemplatePreview>.From(Result.NotFound("That customer was not found."));
            var real = NotificationValues.For(await companySettings.GetAsync(ct), RecipientLinks.Plain(links), customer.Names, customer.Contact);
            foreach (var (name, value) in real.All) values.Set(name, value);
        }

        if (channel == MessageChannel.Sms)
        {
            var sms = cache.Get(checkedText.Value!.Body, templateEvent).Template!.Render(values, MergeEncoding.PlainText).Trim();
            return new TemplatePreview(null, sms, SmsLength.Of(sms));
        }
        var email = EventTemplates.Email(cache.Get(checkedText.Value!.Subject, templateEvent).Template!, cache.Get(checkedText.Value.Body, templateEvent).Template!, values);
        return new TemplatePreview(email, null, null, PreviewSanitizer.Sanitize(email.Html));
    }

    /// <summary>The text trimmed and checked: lengths, a subject for e-mail, and every field parsed for this event.</summary>
    private Result<TemplateText> Check(TemplateEvent templateEvent, MessageChannel channel, TemplateText text)
    {
        var subject = channel == MessageChannel.Sms ? "" : (text.Subject ?? "").Trim();
        var body = (text.Body ?? "").Trim();
        var errors = new Dictionary<string, string>();
        if (channel == MessageChannel.Email && subject.Length == 0) errors["Subject"] = "An e-mail needs a subject.";
        else if (subject.Length > MaxSubjectLength) errors["Subject"] = $"Keep the subject under {MaxSubjectLength} characters.";
        var maxBody = channel == MessageChannel.Sms ? MaxSmsLength : MaxBodyLength;
        if (body.Length == 0) errors["Body"] = "Write the message.";
        else if (body.Length > maxBody) errors["Body"] = $"Keep the message under {maxBody} characters.";
        if (!errors.ContainsKey("Subject") && cache.Get(subject, templateEvent) is { Succeeded: false } badSubject)
            errors["Subject"] = string.Join(" ", badSubject.Problems.Select(p => p.ToString()));
        if (!errors.ContainsKey("Body") && cache.Get(body, templateEvent) is { Succeeded: false } badBody)
            errors["Body"] = string.Join(" ", badBody.Problems.Select(p => p.ToString()));
        return errors.Count == 0
            ? new TemplateText(subject, body)
            : Result<TemplateText>.From(Result.Invalid("The template has problems; see the fields marked.", errors));
    }

    private static TemplateText DefaultOf(TemplateEvent templateEvent, MessageChannel channel) =>
        channel == MessageChannel.Sms ? new TemplateText("", TemplateDefaults.Sms(templateEvent)) : TemplateDefaults.Email(templateEvent);

    private static Task<MessageTemplate?> FindAsync(PortalDbContext db, TemplateEvent templateEvent, MessageChannel channel, bool tracked, CancellationToken ct)
    {
        var key = TemplateKeys.Of(templateEvent);
        var query = tracked ? db.MessageTemplates : db.MessageTemplates.AsNoTracking();
        return query.SingleOrDefaultAsync(t => t.Key == key && t.Channel == channel, ct);
    }
}
