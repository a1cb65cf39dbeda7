using System.Diagnostics.Metrics;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Core.Operations;

/// <summary>
/// The app's own counters (meter <c>CustomerPortal</c>), recorded where the thing happens, after it is saved. Plain
/// System.Diagnostics.Metrics: the web project decides whether anything listens (Telemetry:Enabled, Prometheus).
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "CustomerPortal";

    private readonly Counter<long> _messagesStored;
    private readonly Counter<long> _outboxSent;
    private readonly Counter<long> _outboxFailed;
    private readonly Counter<long> _paymentsRecorded;
    private readonly Counter<long> _liveEventsPublished;

    public PortalMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _messagesStored = meter.CreateCounter<long>("customerportal.messages.stored", "{message}",
            "Messages stored in threads (a repeated client id is not counted again).");
        _outboxSent = meter.CreateCounter<long>("customerportal.outbox.sent", "{message}",
            "Outbox messages a provider accepted.");
        _outboxFailed = meter.CreateCounter<long>("customerportal.outbox.failed", "{attempt}",
            "Outbox send attempts that did not go out; outcome 'retry' is tried again later, 'failed' is given up.");
        _paymentsRecorded = meter.CreateCounter<long>("customerportal.payments.recorded", "{payment}",
            "Payments posted (card, cash, check, transfer, account credit), by method.");
        _liveEventsPublished = meter.CreateCounter<long>("customerportal.live.published", "{event}",
            "Live events published by this instance's services, by event type.");
    }

    public void MessageStored(bool internalNote) =>
        _messagesStored.Add(1, new KeyValuePair<string, object?>("internal_note", internalNote));

    public void OutboxSent(MessageChannel channel) => _outboxSent.Add(1, new KeyValuePair<string, object?>("channel", channel.ToString()));

    public void OutboxFailed(MessageChannel channel, bool givenUp) =>
        _outboxFailed.Add(1, new KeyValuePair<string, object?>("channel", channel.ToString()),
            new KeyValuePair<string, object?>("outcome", givenUp ? "failed" : "retry"));

    public void PaymentRecorded(PaymentMethod method) => _paymentsRecorded.Add(1, new KeyValuePair<string, object?>("method", method.ToString()));

    public void LiveEventPublished(LiveEvent liveEvent) =>
        _liveEventsPublished.Add(1, new KeyValuePair<string, object?>("event", liveEvent.GetType().Name));
}
