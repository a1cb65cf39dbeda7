using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Messaging.Inbound;

/// <summary>
/// Turns an e-mail reply to a thread's reply address into a message in that thread, from the portal user the address was
/// made for, posted through <see cref="MessagingService"/> as that user's actor (so every rule of the portal applies, and
/// the message is published live and notifies staff like any other). The address must be genuine and unexpired, the
/// From address that user's, the user not locked and the thread still theirs to write in. The message's client id comes
/// from the e-mail's Message-ID, so a redelivered e-mail stores nothing new.
/// </summary>
public sealed class InboundReplies(
    IDbContextFactory<PortalDbContext> dbFactory, ReplyAddresses addresses, MessagingService messaging, CompanySettingsService companySettings,
    IOptions<InboundEmailOptions> options, IOptions<MessagingOptions> messagingOptions, ILogger<InboundReplies> log)
{
    public async Task<InboundOutcome> ReceiveAsync(InboundEmail mail, CancellationToken ct)
    {
        var outcome = await ReceiveCoreAsync(mail, ct);
        if (outcome is not (InboundOutcome.Stored or InboundOutcome.AlreadyStored))
            log.LogWarning("Refused an inbound e-mail from {From}: {Outcome}", Describe(mail.From), outcome);
        return outcome;
    }

    private async Task<InboundOutcome> ReceiveCoreAsync(InboundEmail mail, CancellationToken ct)
    {
        if (!options.Value.Enabled) return InboundOutcome.Disabled;
        var headers = MailHeaders.Parse(mail.Headers);
        if (IsAutomatic(headers)) return InboundOutcome.AutoReply;

        var ours = mail.Recipients.SelectMany(MailAddresses.Parse).Where(addresses.IsReplyAddress).ToList();
        if (ours.Count == 0) return InboundOutcome.NoReplyAddress;
        ReplyToken? token = null;
        var check = ReplyAddressCheck.Forged;
        foreach (var address in ours)
        {
            check = addresses.Read(address, out token);
            if (check == ReplyAddressCheck.Valid) break;
        }
        if (token is null) return check == ReplyAddressCheck.Expired ? InboundOutcome.ExpiredAddress : InboundOutcome.ForgedAddress;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from portalUser in db.PortalUsers.AsNoTracking()
                           where portalUser.Id == token.PortalUserId
                           join customer in db.Customers on portalUser.CustomerId equals customer.Id
                           select new { User = portalUser, customer.ModuleOverrides, customer.PortalEnabled }).SingleOrDefaultAsync(ct);
        if (found is null) return InboundOutcome.UnknownUser;
        var user = found.User;
        var from = MailAddresses.Parse(mail.From) is [var first, ..] ? first : null;
        if (from is null || PortalUser.NormalizeEmail(from.Address) != user.Email) return InboundOutcome.WrongSender;
        // The From header is easy to forge; when the provider saw the sending server refused by the sender's own domain, trust it less.
        if (string.Equals(mail.Spf?.Trim(), "fail", StringComparison.OrdinalIgnoreCase)) return InboundOutcome.SenderFailedSpf;
        if (user.Status == PortalUserStatus.Locked) return InboundOutcome.Locked;
        if (user.LinksValidFromUtc is { } validFrom && token.IssuedAtUtc(options.Value.TokenLifetimeDays) < validFrom) return InboundOutcome.ExpiredAddress;

        var body = QuotedText.Reply(mail.Text, mail.Html);
        if (body.Length == 0) return InboundOutcome.Empty;
        var max = messagingOptions.Value.MaxMessageLength;
        // A long e-mail is kept in part rather than lost: the sender cannot be asked to shorten it.
        if (body.Length > max) body = body[..(max - 1)].TrimEnd() + "…";

        var company = await companySettings.GetAsync(ct);
        var actor = user.ToActor(company.DefaultModules, found.ModuleOverrides);
        if (!found.PortalEnabled || !company.PortalEnabled) actor = actor with { Modules = PortalModules.None };

        var clientMessageId = ClientMessageId(headers.Get("Message-ID"), token, body);
        if (await db.Messages.AnyAsync(m => m.ThreadId == token.ThreadId && m.ClientMessageId == clientMessageId, ct)) return InboundOutcome.AlreadyStored;
        var posted = await messaging.PostAsync(actor, new PostMessage(token.ThreadId, clientMessageId, body), ct);
        return posted.Kind switch
        {
            ResultKind.Success => InboundOutcome.Stored,
            // Every check of the message itself was made above; what is left is the sender's rate limit.
            ResultKind.Invalid => InboundOutcome.RetryLater,
            _ => InboundOutcome.NotAllowed,
        };
    }

    /// <summary>
    /// The same e-mail always gets the same id (from its Message-ID; without one, from the address and the text), and the
    /// messaging service stores a client id once per thread.
    /// </summary>
    internal static Guid ClientMessageId(string? messageId, ReplyToken token, string body)
    {
        var source = string.IsNullOrWhiteSpace(messageId)
            ? $"inbound-email:{token.ThreadId}:{token.PortalUserId}:{token.ExpiresAtUtc:O}:{body}"
            : $"inbound-email:{messageId.Trim()}";
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(source)).AsSpan(0, 16));
    }

    /// <summary>Auto-responders and vacation replies (RFC 3834 Auto-Submitted, and the headers older ones send).</summary>
    private static bool IsAutomatic(MailHeaders headers)
    {
        var submitted = headers.Get("Auto-Submitted");
        if (submitted is not null && !submitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase)) return true;
        if (headers.Get("X-Autoreply") is not null || headers.Get("X-Autorespond") is not null) return true;
        return headers.Get("Precedence")?.Trim().ToLowerInvariant() is "auto_reply" or "bulk" or "junk";
    }

    private static string Describe(string? from) => MailAddresses.Parse(from) is [var first, ..] ? first.Address : "(no address)";
}

/// <summary>Addresses in a header value ("Name" &lt;a@b&gt;, c@d), parsed by <see cref="MailAddress"/>; unreadable ones are left out.</summary>
internal static class MailAddresses
{
    public static IReadOnlyList<MailAddress> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        var list = new MailAddressCollection();
        try
        {
            list.Add(value);
        }
        catch (FormatException)
        {
            // One bad address spoils the list: read the parts one by one.
            foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (MailAddress.TryCreate(part, out var single)) list.Add(single);
        }
        return list;
    }
}

/// <summary>A raw header block, unfolded; <see cref="Get"/> is the first value of a header, by case-insensitive name.</summary>
internal sealed class MailHeaders
{
    private readonly List<(string Name, string Value)> _headers = [];

    public static MailHeaders Parse(string? raw)
    {
        var headers = new MailHeaders();
        foreach (var line in (raw ?? "").Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length == 0) continue;
            if (char.IsWhiteSpace(line[0]) && headers._headers.Count > 0)
            {
                var (name, value) = headers._headers[^1];
                headers._headers[^1] = (name, value + " " + line.Trim());
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon > 0) headers._headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return headers;
    }

    public string? Get(string name) => _headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
