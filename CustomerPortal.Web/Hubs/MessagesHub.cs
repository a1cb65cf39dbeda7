using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CustomerPortal.Web.Hubs;

/// <summary>What the messages hub sends to a connection, for the threads it joined.</summary>
public interface IMessagesClient
{
    /// <summary>A message was stored in a joined thread. Clients keep messages by <see cref="ThreadMessage.Id"/> (a resync may repeat one).</summary>
    Task MessageReceived(ThreadMessage message);

    /// <summary>Someone else is typing in a joined thread.</summary>
    Task Typing(ThreadTyping typing);

    /// <summary>Someone's read position in a joined thread moved.</summary>
    Task Read(ThreadRead read);
}

/// <summary>A thread as a hub client joins it: its header, the messages after the id it gave, read positions, whether it may send.</summary>
public sealed record ThreadSnapshot(ThreadSummary Summary, IReadOnlyList<ThreadMessage> Messages, IReadOnlyList<ReadPosition> ReadPositions, bool CanSend);

/// <summary>A message a hub client sends. <see cref="ClientMessageId"/> is made once and reused when the client sends again after a failure.</summary>
public sealed record SendMessageRequest(int ThreadId, Guid ClientMessageId, string Body, bool InternalNote = false);

/// <summary>
/// Message threads for clients that are not Blazor circuits (a mobile app, the load generator): a thin adapter over
/// <see cref="MessagingService"/> and the live-events bus, with the same access rule. The caller's actor comes from its sign-in
/// cookie, kept per connection and resolved again whenever the person's rights may have changed; a refusal is a <see cref="HubException"/> carrying the service's message.
/// After a reconnect, a client joins again with the id of the last message it has and gets what it missed.
/// </summary>
[Authorize(AuthenticationSchemes = LiveHubAuthentication.Scheme)]
public sealed class MessagesHub(MessagingService messaging, MessagesHubConnections connections) : Hub<IMessagesClient>
{
    public const string Path = "/hubs/messages";
    public const string SignedOut = "Your session has ended. Sign in again.";

    /// <summary>Starts following a thread; returns the messages after <paramref name="afterMessageId"/> (0: the newest page).</summary>
    public async Task<ThreadSnapshot> JoinThread(int threadId, long afterMessageId)
    {
        var actor = await ActorAsync();
        var view = Ok(await messaging.GetThreadAsync(actor, threadId, Context.ConnectionAborted));
        // Follow first, then read what was stored: a message stored in between arrives twice rather than never (clients
        // keep messages by id). A first join also reads again after the newest message of the page it was given.
        await connections.JoinAsync(Context, view.Summary.CustomerId, threadId);
        var readAfter = afterMessageId > 0 ? afterMessageId : view.Messages.Count > 0 ? view.Messages[^1].Id : 0;
        var since = Ok(await messaging.MessagesAfterAsync(actor, threadId, readAfter, Context.ConnectionAborted));
        var messages = afterMessageId > 0 ? since : [.. view.Messages, .. since];
        return new ThreadSnapshot(view.Summary, messages, view.ReadPositions, view.CanSend);
    }

    public Task LeaveThread(int threadId)
    {
        connections.Leave(Context.ConnectionId, threadId);
        return Task.CompletedTask;
    }

    /// <summary>Stores and delivers a message; the same client id again returns the stored one.</summary>
    public async Task<ThreadMessage> Send(SendMessageRequest request)
    {
        var actor = await ActorAsync();
        return Ok(await messaging.PostAsync(actor, new PostMessage(request.ThreadId, request.ClientMessageId, request.Body, request.InternalNote),
            Context.ConnectionAborted));
    }

    public async Task Typing(int threadId)
    {
        var actor = await ActorAsync();
        Ok(await messaging.TypingAsync(actor, threadId, internalNote: false, Context.ConnectionAborted));
    }

    public async Task MarkRead(int threadId, long lastMessageId)
    {
        var actor = await ActorAsync();
        Ok(await messaging.MarkReadAsync(actor, threadId, lastMessageId, Context.ConnectionAborted));
    }

    /// <summary>What was stored after <paramref name="afterMessageId"/> (at most 1,000; ask again from the last one).</summary>
    public async Task<IReadOnlyList<ThreadMessage>> MessagesAfter(int threadId, long afterMessageId)
    {
        var actor = await ActorAsync();
        return Ok(await messaging.MessagesAfterAsync(actor, threadId, afterMessageId, Context.ConnectionAborted));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private async Task<Actor> ActorAsync() => await connections.ActorAsync(Context) ?? throw new HubException(SignedOut);

    private static T Ok<T>(Result<T> result) => result.Succeeded ? result.Value! : throw new HubException(result.Message);

    private static void Ok(Result result)
    {
        if (!result.Succeeded) throw new HubException(result.Message);
    }
}
