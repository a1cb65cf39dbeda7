using CustomerPortal.Core.Company;

namespace CustomerPortal.Core.Payments;

/// <summary>The payment settings form: how customers may pay in the portal. <see cref="Version"/> is the settings version it was loaded at.</summary>
public sealed class PaymentSettingsInput
{
    public bool CardPaymentsEnabled { get; set; }
    public bool PartPaymentsAllowed { get; set; }
    public decimal MinimumPartPayment { get; set; }
    public bool CreditTopUpEnabled { get; set; }
    public decimal CreditTopUpMinimum { get; set; }
    public decimal CreditTopUpMaximum { get; set; }

    /// <summary>Plain-text instructions for paying without a card (bank transfer, check), shown on the portal invoice page.</summary>
    public string OtherWaysToPay { get; set; } = "";
    public int Version { get; set; }

    public static PaymentSettingsInput From(CompanySettings s) => new()
    {
        CardPaymentsEnabled = s.CardPaymentsEnabled,
        PartPaymentsAllowed = s.PartPaymentsAllowed,
        MinimumPartPayment = s.MinimumPartPayment,
        CreditTopUpEnabled = s.CreditTopUpEnabled,
        CreditTopUpMinimum = s.CreditTopUpMinimum,
        CreditTopUpMaximum = s.CreditTopUpMaximum,
        OtherWaysToPay = s.OtherWaysToPay,
        Version = s.Version,
    };

    internal Common.Result ApplyTo(CompanySettings s)
    {
        var changed = s.ChangePaymentSettings(CardPaymentsEnabled, PartPaymentsAllowed, MinimumPartPayment, CreditTopUpEnabled, CreditTopUpMinimum,
            CreditTopUpMaximum);
        return changed.Succeeded ? s.ChangeOtherWaysToPay(OtherWaysToPay ?? "") : changed;
    }

    /// <summary>"card payments: on -> off; ..." for the audit log; empty when nothing changed.</summary>
    internal static string Changes(PaymentSettingsInput before, PaymentSettingsInput after)
    {
        var changes = new List<string>();
        void Compare<T>(string label, T was, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(was, now)) changes.Add($"{label}: {Show(was)} -> {Show(now)}");
        }
        Compare("card payments", before.CardPaymentsEnabled, after.CardPaymentsEnabled);
        Compare("part payments", before.PartPaymentsAllowed, after.PartPaymentsAllowed);
        Compare("minimum part payment", before.MinimumPartPayment, after.MinimumPartPayment);
        Compare("credit top-up", before.CreditTopUpEnabled, after.CreditTopUpEnabled);
        Compare("smallest top-up", before.CreditTopUpMinimum, after.CreditTopUpMinimum);
        Compare("largest top-up", before.CreditTopUpMaximum, after.CreditTopUpMaximum);
        if (before.OtherWaysToPay != after.OtherWaysToPay) changes.Add("other ways to pay changed");
        return string.Join("; ", changes);
    }

    private static string Show<T>(T value) => value switch
    {
        bool b => b ? "on" : "off",
        decimal d => d.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
