using System.Net.Mail;
using CustomerPortal.Core.Messaging.Inbound;

namespace CustomerPortal.Tests.Messaging.Inbound;

/// <summary>Settings that turn replies by e-mail on, and the e-mails a reply-by-mail test sends.</summary>
public static class InboundKit
{
    public const string Domain = "reply.example.test";
    public const string Secret = "inbound-test-secret-0123456789";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["InboundEmail:Enabled"] = "true",
        ["InboundEmail:ReplyDomain"] = Domain,
        ["InboundEmail:WebhookSecret"] = Secret,
        ["InboundEmail:TokenLifetimeDays"] = "60",
    };

    /// <summary>The raw header block of a reply, as SendGrid passes it in <c>headers</c>.</summary>
    public static string Headers(string from, string to, string? messageId, params string[] extra) =>
        string.Join("\r\n", new[]
        {
            "Received: by mx.example.test with SMTP id abc; Tue, 10 Mar 2026 15:05:00 +0000",
            $"From: {from}",
            $"To: {to}",
            "Subject: Re: New message about Fix the boiler",
            messageId is null ? null : $"Message-ID: {messageId}",
            "MIME-Version: 1.0",
        }.Concat(extra).OfType<string>()) + "\r\n";

    public static InboundEmail Reply(string from, string replyAddress, string text, string? messageId = "<CAF=abc123@mail.gmail.com>", params string[] extraHeaders) =>
        new($"Olivia Martinez <{from}>", [replyAddress, $"Acme Plumbing <{replyAddress}>"], Headers($"Olivia Martinez <{from}>", replyAddress, messageId, extraHeaders),
            text + "\n\nOn Tue, Mar 10, 2026 at 3:00 PM Acme Plumbing <" + replyAddress + "> wrote:\n> Hi Olivia, can we come on Thursday?\n", null, "pass");

    public static MailAddress Address(string address) => new(address);
}
