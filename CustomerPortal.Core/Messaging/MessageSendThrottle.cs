using CustomerPortal.Core.Common;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Messaging;

/// <summary>
/// How fast one person may send messages (Messaging:SendsPerMinute, a sliding minute; shared by all instances when Redis
/// is set up, see <see cref="SharedRateLimits"/>). A refused send says when to try again.
/// </summary>
public sealed class MessageSendThrottle(IOptions<MessagingOptions> options, SharedRateLimits limits) : IDisposable
{
    private readonly SharedLimiter _limiter = limits.SlidingWindow("message-sends", options.Value.SendsPerMinute, TimeSpan.FromMinutes(1), segmentsPerWindow: 6);

    /// <summary>Takes one send from the person's allowance; false when it is used up for now.</summary>
    public async Task<bool> TryTakeAsync(string senderKey, CancellationToken ct) => (await _limiter.AcquireAsync(senderKey, ct)).IsAllowed;

    public void Dispose() => _limiter.Dispose();
}
