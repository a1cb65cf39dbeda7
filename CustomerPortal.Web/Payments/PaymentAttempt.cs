namespace CustomerPortal.Web.Payments;

/// <summary>
/// The request id of one try at paying, made once by the page: a double click, a reload of the panel or coming back
/// from the bank's page sends the same id and gets the same payment. Only a declined or failed try moves on to a new one.
/// </summary>
public sealed class PaymentAttempt
{
    public string RequestId { get; private set; } = NewId();

    public void Next() => RequestId = NewId();

    private static string NewId() => Guid.NewGuid().ToString("N");
}
