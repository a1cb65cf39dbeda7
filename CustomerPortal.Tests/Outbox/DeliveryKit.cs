using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Outbox;

/// <summary>Core services with delivery set up as a test asks, and ways to queue and read outbox messages.</summary>
public static class DeliveryKit
{
    public const string SendGridKey = "SG.test-key";
    public const string From = "office@brightwater.test";
    public const string FromName = "Brightwater Home Services";

    public static Dictionary<string, string?> SendGrid(FakeProviderServer fake) => new()
    {
        ["Delivery:EmailProvider"] = "SendGrid",
        ["Delivery:SendGrid:ApiKey"] = SendGridKey,
        ["Delivery:SendGrid:ApiBase"] = fake.BaseUrl,
        ["Delivery:FromAddress"] = From,
        ["Delivery:FromName"] = FromName,
    };

    public static Task<CoreServices> StartAsync(Dictionary<string, string?> settings) => CoreServices.StartAsync(settings: settings);

    public static async Task<OutboxMessage> QueueEmailAsync(CoreServices core, string to = "olivia@example.test", Action<OutboxMessage>? shape = null,
        int? customerId = null)
    {
        await using var db = await core.DbAsync();
        var message = core.Get<OutboxWriter>().EnqueueEmail(db, to, "Olivia Martinez",
            new ComposedEmail("Your invoice INV-1001", "<p>Hello <b>Olivia</b></p>", "Hello Olivia"), "invoice-sent", customerId);
        shape?.Invoke(message);
        await db.SaveChangesAsync();
        return message;
    }

    public static async Task<OutboxMessage> QueueSmsAsync(CoreServices core, string to = "+15551230001")
    {
        await using var db = await core.DbAsync();
        var message = core.Get<OutboxWriter>().EnqueueSms(db, to, "Olivia Martinez", "Your technician is on the way.", "visit-scheduled");
        await db.SaveChangesAsync();
        return message;
    }

    public static async Task<OutboxMessage> ReadAsync(CoreServices core, long id)
    {
        await using var db = await core.DbAsync();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>A second dispatcher on the same database, as another app instance would run (its own instance id).</summary>
    public static OutboxDispatcher AnotherDispatcher(CoreServices core) =>
        ActivatorUtilities.CreateInstance<OutboxDispatcher>(core.Get<IServiceProvider>());
}
