using System.Data.Common;
using System.Runtime.CompilerServices;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerPortal.Core.Accounts;

/// <summary>
/// Publishes <see cref="SignInChanged"/> once a save that changed someone's sign-in is stored: an account's security
/// stamp (sessions ended, password set, reset or removed) or a staff member's record. Screens and hub connections keep
/// their actor between actions and resolve it again on that event, so this is what makes "signed out everywhere" or a
/// deactivated staff member take effect in what is already open. Watching the saves rather than the services catches
/// every way such a change is made (Identity's UserManager included). Inside an explicit transaction it waits for the
/// commit: an actor resolved again before the commit would read the old rights.
/// </summary>
internal sealed class SignInChangePublisher(ILiveEventPublisher live) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context) PublishAsync(context).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context) await PublishAsync(context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) PublishAsync(context).GetAwaiter().GetResult();
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) await PublishAsync(context);
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        // Contexts are pooled: what a transaction that was never committed or rolled back left here is not news.
        if (context.Database.CurrentTransaction is null) Forget(context);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var accountId = entry switch
            {
                { Entity: AppUser account, State: EntityState.Modified } when entry.Property(nameof(AppUser.SecurityStamp)).IsModified => account.Id,
                { Entity: AppUser account, State: EntityState.Deleted } => account.Id,
                { Entity: StaffUser staff, State: EntityState.Modified or EntityState.Deleted } => staff.AccountId,
                _ => null,
            };
            if (string.IsNullOrEmpty(accountId)) continue;
            lock (_pending) _pending.GetOrCreateValue(context).Add(accountId);
        }
    }

    private async Task PublishAsync(DbContext context)
    {
        string[] accountIds;
        lock (_pending)
        {
            if (!_pending.TryGetValue(context, out var pending) || pending.Count == 0) return;
            accountIds = [.. pending];
            _pending.Remove(context);
        }
        foreach (var accountId in accountIds) await live.PublishAsync(new SignInChanged(accountId));
    }

    private void Forget(DbContext? context)
    {
        if (context is null) return;
        lock (_pending) _pending.Remove(context);
    }
}
