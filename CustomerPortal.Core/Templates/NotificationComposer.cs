using CustomerPortal.Core.Data;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Core.Templates;

/// <summary>An e-mail ready for the outbox: one-line subject, HTML body and its plain-text alternative.</summary>
public sealed record ComposedEmail(string Subject, string Html, string Text);

/// <summary>
/// Fills an event's templates (the business's own, or the shipped default) for each recipient. Every e-mail and SMS
/// the product sends is composed here; services supply the field values, never the wording.
/// </summary>
public sealed class NotificationComposer(MergeTemplateCache cache, ILogger<NotificationComposer> logger)
{
    /// <summary>The event's e-mail and SMS templates as they stand now, read once for any number of recipients.</summary>
    public async Task<EventTemplates> ForAsync(PortalDbContext db, TemplateEvent templateEvent, CancellationToken ct)
    {
        var key = TemplateKeys.Of(templateEvent);
        var stored = await db.MessageTemplates.AsNoTracking().Where(t => t.Key == key && t.IsActive).ToListAsync(ct);
        var email = stored.FirstOrDefault(t => t.Channel == MessageChannel.Email) is { } e ? new TemplateText(e.Subject, e.Body) : null;
        var sms = stored.FirstOrDefault(t => t.Channel == MessageChannel.Sms)?.Body;
        return new EventTemplates(templateEvent, Usable(templateEvent, email) ?? TemplateDefaults.Email(templateEvent),
            Usable(templateEvent, sms is null ? null : new TemplateText("", sms))?.Body ?? TemplateDefaults.Sms(templateEvent), cache);
    }

    /// <summary>A stored template that no longer parses (a field was retired) is not sent half-filled: the default goes instead.</summary>
    private TemplateText? Usable(TemplateEvent templateEvent, TemplateText? text)
    {
        if (text is null) return null;
        if (cache.Get(text.Subject, templateEvent).Succeeded && cache.Get(text.Body, templateEvent).Succeeded) return text;
        logger.LogWarning("The {Event} template no longer parses; the default was used instead.", templateEvent);
        return null;
    }
}

/// <summary>One event's templates, ready to fill for each recipient.</summary>
public sealed class EventTemplates
{
    private readonly MergeTemplate _subject;
    private readonly MergeTemplate _html;
    private readonly MergeTemplate _sms;

    internal EventTemplates(TemplateEvent templateEvent, TemplateText email, string sms, MergeTemplateCache cache)
    {
        Event = templateEvent;
        Key = TemplateKeys.Of(templateEvent);
        _subject = Parsed(cache.Get(email.Subject, templateEvent));
        _html = Parsed(cache.Get(email.Body, templateEvent));
        _sms = Parsed(cache.Get(sms, templateEvent));
    }

    public TemplateEvent Event { get; }

    /// <summary>The outbox's TemplateKey for messages of this event.</summary>
    public string Key { get; }

    public ComposedEmail Email(MergeValues values) => Compose(_subject, _html, values);

    public string Sms(MergeValues values) => _sms.Render(values, MergeEncoding.PlainText).Trim();

    /// <summary>Fills a template's text that has already been checked (a preview of an unsaved edit).</summary>
    public static ComposedEmail Email(MergeTemplate subject, MergeTemplate html, MergeValues values) => Compose(subject, html, values);

    private static ComposedEmail Compose(MergeTemplate subject, MergeTemplate html, MergeValues values)
    {
        var body = html.Render(values, MergeEncoding.Html);
        var line = string.Join(' ', subject.Render(values, MergeEncoding.PlainText).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return new ComposedEmail(line, body, HtmlToText.Convert(body));
    }

    private static MergeTemplate Parsed(MergeTemplateParse parse) =>
        parse.Template ?? throw new InvalidOperationException("A shipped template does not parse: " + string.Join("; ", parse.Problems));
}
