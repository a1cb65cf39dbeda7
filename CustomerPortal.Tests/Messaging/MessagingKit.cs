using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Messaging;

/// <summary>
/// The messaging service on the Core test host (<see cref="CoreServices"/>), with helpers that make staff and portal
/// users as real rows (read positions and e-mails need them), customers, and threads on jobs and invoices.
/// </summary>
public sealed class MessagingKit : IAsyncDisposable
{
    private MessagingKit(CoreServices core) => Core = core;

    public CoreServices Core { get; }
    public MessagingService Messaging => Core.Get<MessagingService>();

    public static async Task<MessagingKit> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        new(await CoreServices.StartAsync(services, settings));

    public async Task<Actor> StaffAsync(string name = "Sam Staff")
    {
        await using var db = await Core.DbAsync();
        var email = TestAccounts.UniqueEmail("staff");
        var account = new AppUser { UserName = email, Email = email, Kind = AccountKind.Staff, SecurityStamp = Guid.NewGuid().ToString() };
        db.Users.Add(account);
        var staff = new StaffUser(account.Id, name, email, StaffRole.Staff, Core.Clock.Now.UtcDateTime);
        db.StaffUsers.Add(staff);
        await db.SaveChangesAsync();
        return Actor.Staff(staff.Id, staff.Name, StaffRole.Staff);
    }

    public async Task<Customer> CustomerAsync()
    {
        await using var db = await Core.DbAsync();
        return await TestRecords.CustomerAsync(db, "Martinez");
    }

    public async Task<Actor> PortalUserAsync(int customerId, string name = "Olivia Martinez")
    {
        await using var db = await Core.DbAsync();
        var user = new PortalUser(customerId, TestAccounts.UniqueEmail("portal"), name, PortalLoginMode.Password, Core.Clock.Now.UtcDateTime);
        db.PortalUsers.Add(user);
        await db.SaveChangesAsync();
        return user.ToActor(PortalModules.All, null);
    }

    /// <summary>The thread on a new job of the customer (opened by staff, which starts it).</summary>
    public async Task<int> JobThreadAsync(int customerId, Actor staff)
    {
        await using var db = await Core.DbAsync();
        var job = await TestRecords.JobAsync(db, customerId);
        var thread = await Messaging.GetThreadForSubjectAsync(staff, ThreadSubject.Job, job.Id, default);
        Assert.True(thread.Succeeded, thread.Message);
        return thread.Value!.Summary.Id;
    }

    /// <summary>A staff member, a customer with one portal user, and the thread on a job of that customer.</summary>
    public async Task<(Actor Staff, Actor Customer, int ThreadId)> ThreadWithPeopleAsync()
    {
        var staff = await StaffAsync();
        var customer = await CustomerAsync();
        var user = await PortalUserAsync(customer.Id);
        return (staff, user, await JobThreadAsync(customer.Id, staff));
    }

    public async Task<ThreadMessage> PostAsync(Actor actor, int threadId, string body, bool internalNote = false)
    {
        var posted = await Messaging.PostAsync(actor, new PostMessage(threadId, Guid.NewGuid(), body, internalNote), default);
        Assert.True(posted.Succeeded, posted.Message);
        return posted.Value!;
    }

    public ValueTask DisposeAsync() => Core.DisposeAsync();
}
