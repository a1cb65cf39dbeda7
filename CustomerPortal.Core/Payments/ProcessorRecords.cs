namespace CustomerPortal.Core.Payments;

/// <summary>A processor event (a webhook delivery) that was applied; its id is the key, so a redelivery changes nothing.</summary>
public sealed class ProcessorEventReceipt
{
    public string EventId { get; private set; } = "";
    public string Type { get; private set; } = "";
    public DateTime ReceivedAtUtc { get; private set; }
    public int? PaymentId { get; private set; }

    private ProcessorEventReceipt() { }

    public ProcessorEventReceipt(string eventId, string type, DateTime receivedAtUtc, int? paymentId)
    {
        EventId = eventId;
        Type = type;
        ReceivedAtUtc = receivedAtUtc;
        PaymentId = paymentId;
    }
}

/// <summary>Our customer's record at a processor (a Stripe Customer), which holds their cards on file.</summary>
public sealed class ProcessorCustomer
{
    public int CustomerId { get; private set; }

    /// <summary>The processor's <see cref="IPaymentProcessor.CustomerScope"/>: test-mode customers are not live ones.</summary>
    public string Processor { get; private set; } = "";
    public string ProcessorCustomerId { get; private set; } = "";

    private ProcessorCustomer() { }

    public ProcessorCustomer(int customerId, string processor, string processorCustomerId)
    {
        CustomerId = customerId;
        Processor = processor;
        ProcessorCustomerId = processorCustomerId;
    }
}
