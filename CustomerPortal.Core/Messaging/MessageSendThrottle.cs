using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Messaging;

/// <summary>
/// How fast one person may send messages (Messaging:SendsPerMinute, a sliding minute, per app instance). A refused send
/// says when to try again.
/// </summary>
public sealed class MessageSendThrottle(IOptions<MessagingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(sender =>
        RateLimitPartition.GetSlidingWindowLimiter(sender, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SendsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    /// <summary>Takes one send from the person's allowance; false when it is used up for now.</summary>
    public bool TryTake(string senderKey)
    {
        using var lease = _limiter.AttemptAcquire(senderKey);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
