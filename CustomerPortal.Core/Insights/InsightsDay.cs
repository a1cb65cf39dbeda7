using System.Runtime.InteropServices;

namespace CustomerPortal.Core.Insights;

/// <summary>
/// What happened on one company-local day, as the Insights figures need it, kept so a period's report adds up days
/// instead of reading every invoice and payment again. Only days that have ended are kept; a save that changes what an
/// ended day counted (a refund of an old payment, an estimate accepted weeks after it was sent, a payment entered with
/// an earlier date) removes that day's row (<see cref="InsightsChangeMarker"/>) and the next report works it out again.
/// Medians need the values, not only their count, so the durations are kept as packed arrays.
/// </summary>
public sealed class InsightsDay
{
    private InsightsDay()
    {
    }

    public InsightsDay(DateOnly day, string timeZoneId)
    {
        Day = day;
        TimeZoneId = timeZoneId;
    }

    private double[]? _paymentDaysInPortal, _paymentDaysByHand, _daysToAnswer, _hoursToReply;
    private int[]? _repliedBy;

    public DateOnly Day { get; private set; }

    /// <summary>The company's time zone the day was counted in; rows counted in another zone are not used.</summary>
    public string TimeZoneId { get; private set; } = "";

    /// <summary>Days from sending to payment in full of invoices paid in full this day, settled by a card in the portal.</summary>
    public byte[] PaymentDaysPortal { get; private set; } = [];

    /// <summary>The same, of invoices settled by a payment staff recorded.</summary>
    public byte[] PaymentDaysByHand { get; private set; } = [];

    /// <summary>Invoices paid in full this day on or before their due date.</summary>
    public int PaidOnTime { get; private set; }

    /// <summary>Payments received this day (not account credit used) less what was refunded of them.</summary>
    public decimal Collected { get; private set; }

    public int PaymentsInPortal { get; private set; }
    public int PaymentsByHand { get; private set; }

    /// <summary>Estimates sent this day, and how many of them have been accepted since.</summary>
    public int EstimatesSent { get; private set; }

    public int EstimatesAccepted { get; private set; }

    /// <summary>Days to the customer's answer of estimates sent this day that have been answered.</summary>
    public byte[] AnswerDays { get; private set; } = [];

    public int PortalSignIns { get; private set; }

    /// <summary>Hours to the staff reply of customer waits that began this day and have been answered.</summary>
    public byte[] WaitHours { get; private set; } = [];

    /// <summary>Who answered each of <see cref="WaitHours"/> (0: a staff member no longer known).</summary>
    public byte[] WaitAnsweredBy { get; private set; } = [];

    /// <summary>Waits that began this day and are still waiting.</summary>
    public int WaitsUnanswered { get; private set; }

    public int OneStar { get; private set; }
    public int TwoStars { get; private set; }
    public int ThreeStars { get; private set; }
    public int FourStars { get; private set; }
    public int FiveStars { get; private set; }

    /// <summary>What customers owed on overdue invoices at the end of the day (for today: now).</summary>
    public decimal OverdueAtEnd { get; private set; }

    public IReadOnlyList<double> PaymentDaysInPortal => _paymentDaysInPortal ??= Unpack<double>(PaymentDaysPortal);
    public IReadOnlyList<double> PaymentDaysRecordedByHand => _paymentDaysByHand ??= Unpack<double>(PaymentDaysByHand);
    public IReadOnlyList<double> DaysToAnswer => _daysToAnswer ??= Unpack<double>(AnswerDays);
    public IReadOnlyList<double> HoursToReply => _hoursToReply ??= Unpack<double>(WaitHours);
    public IReadOnlyList<int> RepliedBy => _repliedBy ??= Unpack<int>(WaitAnsweredBy);
    public int PaidInFull => PaymentDaysInPortal.Count + PaymentDaysRecordedByHand.Count;
    public IReadOnlyList<int> ReviewsByStars => [OneStar, TwoStars, ThreeStars, FourStars, FiveStars];

    internal void CountedInvoicesPaid(IEnumerable<double> daysInPortal, IEnumerable<double> daysByHand, int onTime)
    {
        PaymentDaysPortal = Pack(daysInPortal);
        PaymentDaysByHand = Pack(daysByHand);
        (_paymentDaysInPortal, _paymentDaysByHand) = (null, null);
        PaidOnTime = onTime;
    }

    internal void CountedPayments(decimal collected, int inPortal, int byHand) =>
        (Collected, PaymentsInPortal, PaymentsByHand) = (collected, inPortal, byHand);

    internal void CountedEstimates(int sent, int accepted, IEnumerable<double> daysToAnswer)
    {
        (EstimatesSent, EstimatesAccepted) = (sent, accepted);
        AnswerDays = Pack(daysToAnswer);
        _daysToAnswer = null;
    }

    internal void CountedSignIns(int signIns) => PortalSignIns = signIns;

    internal void CountedWaits(IReadOnlyList<(double Hours, int? StaffUserId)> answered, int unanswered)
    {
        WaitHours = Pack(answered.Select(w => w.Hours));
        WaitAnsweredBy = Pack(answered.Select(w => w.StaffUserId ?? 0));
        WaitsUnanswered = unanswered;
        (_hoursToReply, _repliedBy) = (null, null);
    }

    internal void CountedReviews(IReadOnlyList<int> byStars) =>
        (OneStar, TwoStars, ThreeStars, FourStars, FiveStars) = (byStars[0], byStars[1], byStars[2], byStars[3], byStars[4]);

    internal void CountedOverdue(decimal owed) => OverdueAtEnd = owed;

    private static byte[] Pack<T>(IEnumerable<T> values) where T : unmanaged => MemoryMarshal.AsBytes(values.ToArray().AsSpan()).ToArray();

    private static T[] Unpack<T>(byte[] packed) where T : unmanaged => MemoryMarshal.Cast<byte, T>(packed).ToArray();
}

/// <summary>
/// The one row that orders roll-up writes against the saves that invalidate them: every such save adds one to
/// <see cref="ChangeCount"/>, and a report stores the days it worked out only if the count is what it was before it read.
/// </summary>
public sealed class InsightsRollup
{
    public const int TheOne = 1;

    private InsightsRollup()
    {
    }

    public int Id { get; private set; } = TheOne;
    public long ChangeCount { get; private set; }
}
