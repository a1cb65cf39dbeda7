using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Messaging.Inbound;
using CustomerPortal.Web.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Messaging.Inbound;

/// <summary>The app with replies by e-mail on, shared by the webhook tests.</summary>
public sealed class InboundEmailAppFixture : IDisposable
{
    public PortalAppFactory App { get; } = new InboundEmailAppFactory();

    public void Dispose() => App.Dispose();

    private sealed class InboundEmailAppFactory : PortalAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in InboundKit.Settings()) builder.UseSetting(key, value);
        }
    }
}

/// <summary>SendGrid Inbound Parse posts (multipart/form-data, as SendGrid sends them) to /webhooks/inbound-email.</summary>
public sealed class InboundEmailWebhookTests(InboundEmailAppFixture fixture) : IClassFixture<InboundEmailAppFixture>
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task ReplyToTheNotification_LandsInItsThreadOnce_FromThatPortalUser()
    {
        var (user, threadId, _) = await ThreadAsync();
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var asked = await _app.Services.GetRequiredService<MessagingService>()
            .PostAsync(staff.ToActor(), new PostMessage(threadId, Guid.NewGuid(), "Can we come on Thursday?"), default);
        Assert.True(asked.Succeeded, asked.Message);
        string address;
        await using (var db = await _app.CreateDbContextAsync())
            address = await db.OutboxMessages.Where(m => m.PortalUserId == user.Id && m.TemplateKey == MessageNotifications.CustomerTemplateKey)
                .Select(m => m.ReplyToAddress).SingleAsync();
        Assert.StartsWith("reply+", address);
        using var http = _app.CreateHttpClient();
        var form = Parse(user.Email, address, "Thursday works, thanks!\n\nOn Tue, Mar 10, 2026 at 3:00 PM Acme <" + address + "> wrote:\n> Can we come?");

        var first = await PostAsync(http, form, $"?key={InboundKit.Secret}");
        var redelivery = await PostAsync(http, form, $"?key={InboundKit.Secret}");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], [first, redelivery]);
        var message = Assert.Single(await MessagesAsync(threadId), m => m.AuthorKind == MessageAuthorKind.Customer);
        Assert.Equal(("Thursday works, thanks!", MessageAuthorKind.Customer, user.Id), (message.Body, message.AuthorKind, message.PortalUserId));
    }

    [Fact]
    public async Task ForgedToken_IsRefusedAndStoresNothing()
    {
        var (user, threadId, address) = await ThreadAsync();
        var (_, otherThreadId, _) = await ThreadAsync();
        using var http = _app.CreateHttpClient();
        // The other thread's id in the payload, with this address's signature.
        var forged = address.Replace($"reply+{threadId:x8}", $"reply+{otherThreadId:x8}");
        Assert.NotEqual(address, forged);

        var answer = await PostAsync(http, Parse(user.Email, forged, "Let me in"), $"?key={InboundKit.Secret}");

        Assert.Equal(HttpStatusCode.OK, answer);
        Assert.Empty(await MessagesAsync(threadId));
        Assert.Empty(await MessagesAsync(otherThreadId));
    }

    [Fact]
    public async Task SomeoneElsesReply_IsRefusedAndStoresNothing()
    {
        var (_, threadId, address) = await ThreadAsync();
        using var http = _app.CreateHttpClient();

        var answer = await PostAsync(http, Parse("mallory@example.test", address, "I am Olivia"), $"?key={InboundKit.Secret}");

        Assert.Equal(HttpStatusCode.OK, answer);
        Assert.Empty(await MessagesAsync(threadId));
    }

    [Fact]
    public async Task WithoutTheSecret_Is401AndStoresNothing()
    {
        var (user, threadId, address) = await ThreadAsync();
        using var http = _app.CreateHttpClient();
        var form = Parse(user.Email, address, "Hello");

        var none = await PostAsync(http, form, "");
        var wrong = await PostAsync(http, form, "?key=not-the-secret-at-all-0123456789");
        var wrongBasic = await PostAsync(http, form, "", Basic("sendgrid", "guess"));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], [none, wrong, wrongBasic]);
        Assert.Empty(await MessagesAsync(threadId));
    }

    [Fact]
    public async Task BasicAuthSecret_AndTheCharsetSendGridNames_AreUsed()
    {
        var (user, threadId, address) = await ThreadAsync();
        using var http = _app.CreateHttpClient();
        var latin1 = Encoding.Latin1;
        var form = Parse(user.Email, address, "", charsets: """{"to":"UTF-8","from":"UTF-8","text":"iso-8859-1","headers":"UTF-8"}""");
        form.Add(new ByteArrayContent(latin1.GetBytes("Danke, bis Donnerstag. Grüße")), "text");

        var answer = await PostAsync(http, form, "", Basic("sendgrid", InboundKit.Secret));

        Assert.Equal(HttpStatusCode.OK, answer);
        Assert.Equal("Danke, bis Donnerstag. Grüße", Assert.Single(await MessagesAsync(threadId)).Body);
    }

    /// <summary>A customer with a portal user, a staff-opened thread on one of its jobs, and that user's reply address for it.</summary>
    private async Task<(PortalUser User, int ThreadId, string Address)> ThreadAsync()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, "Martinez");
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        int jobId;
        await using (var db = await _app.CreateDbContextAsync()) jobId = (await TestRecords.JobAsync(db, customer.Id)).Id;
        var thread = await _app.Services.GetRequiredService<MessagingService>().GetThreadForSubjectAsync(staff.ToActor(), ThreadSubject.Job, jobId, default);
        Assert.True(thread.Succeeded, thread.Message);
        var threadId = thread.Value!.Summary.Id;
        return (user, threadId, _app.Services.GetRequiredService<ReplyAddresses>().For(threadId, user.Id));
    }

    /// <summary>The fields SendGrid Inbound Parse posts for a reply (default settings, not the raw MIME option), with an attachment.</summary>
    private static MultipartFormDataContent Parse(string from, string replyAddress, string text, string? charsets = null)
    {
        var form = new MultipartFormDataContent();
        void Field(string name, string value) => form.Add(new StringContent(value, Encoding.UTF8), name);
        Field("headers", InboundKit.Headers($"Olivia Martinez <{from}>", $"Acme Plumbing <{replyAddress}>", "<CAF=" + Guid.NewGuid().ToString("N")[..8] + "@mail.gmail.com>"));
        Field("dkim", "{@gmail.com : pass}");
        Field("to", $"Acme Plumbing <{replyAddress}>");
        Field("from", $"Olivia Martinez <{from}>");
        Field("subject", "Re: New message about Fix the boiler");
        Field("sender_ip", "209.85.220.41");
        Field("envelope", $$"""{"to":["{{replyAddress}}"],"from":"{{from}}"}""");
        Field("charsets", charsets ?? """{"to":"UTF-8","html":"UTF-8","subject":"UTF-8","from":"UTF-8","text":"UTF-8"}""");
        Field("SPF", "pass");
        Field("spam_score", "0.1");
        Field("attachments", "1");
        if (text.Length > 0) Field("text", text);
        var picture = new ByteArrayContent(TestImages.Png(40, 30));
        picture.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(picture, "attachment1", "photo.png");
        return form;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, MultipartFormDataContent form, string query, AuthenticationHeaderValue? auth = null)
    {
        // Not disposed: that would dispose the form, which a redelivery test posts again.
        var request = new HttpRequestMessage(HttpMethod.Post, InboundEmailEndpoints.Path.TrimStart('/') + query) { Content = form };
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<List<Message>> MessagesAsync(int threadId)
    {
        await using var db = await _app.CreateDbContextAsync();
        return await db.Messages.AsNoTracking().Where(m => m.ThreadId == threadId).ToListAsync();
    }
}

[Collection(WebAppCollection.Name)]
public sealed class InboundEmailOffTests(WebAppFixture fixture)
{
    [Fact]
    public async Task RepliesByEmailOff_TheWebhookDoesNotExist()
    {
        using var http = fixture.App.CreateHttpClient();
        using var form = new MultipartFormDataContent { { new StringContent("someone@example.test"), "from" } };

        using var response = await http.PostAsync(InboundEmailEndpoints.Path.TrimStart('/') + "?key=" + InboundKit.Secret, form);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
