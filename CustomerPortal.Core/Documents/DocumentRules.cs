using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Documents;

/// <summary>Checks shared by estimates and invoices: line validation and how a refusal looks to each kind of actor.</summary>
internal static class DocumentRules
{
    public const int MaxLines = 500;
    public const decimal MaxQuantity = 1_000_000m;
    public const decimal MaxUnitPrice = 100_000_000m;

    /// <summary>
    /// Null when the actor may do the operation to the record. A portal user gets "not found" for anything they may not
    /// reach (another customer's record, a draft, a hidden module), so a refusal never confirms that the record exists.
    /// </summary>
    public static Result? Deny(AccessRules access, Actor actor, Operation operation, ICustomerOwned? record)
    {
        if (record is null) return Result.NotFound();
        if (access.Can(actor, operation, record)) return null;
        return actor.IsCustomer && !access.Can(actor, ViewOperationFor(operation), record) ? Result.NotFound() : Result.Forbidden();
    }

    /// <summary>Null when the actor may open lists of this kind at all.</summary>
    public static Result? DenyList(AccessRules access, Actor actor, Operation operation)
    {
        if (access.Can(actor, operation)) return null;
        return actor.IsCustomer ? Result.NotFound() : Result.Forbidden();
    }

    private static Operation ViewOperationFor(Operation operation) => operation switch
    {
        Operation.AcceptEstimate or Operation.ManageEstimate => Operation.ViewEstimate,
        Operation.PayInvoice or Operation.ManageInvoice => Operation.ViewInvoice,
        _ => operation,
    };

    public static void AddLineErrors(IReadOnlyList<LineItemInput> lines, Dictionary<string, string> errors)
    {
        if (lines.Count == 0) errors["Lines"] = "Add at least one line.";
        if (lines.Count > MaxLines) errors["Lines"] = $"A document can have at most {MaxLines} lines.";
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line.Description)) errors[$"Lines[{i}].Description"] = $"Line {i + 1}: describe the work or item.";
            else if (line.Description.Length > 2000) errors[$"Lines[{i}].Description"] = $"Line {i + 1}: the description is longer than 2000 characters.";
            if (line.Quantity is < 0 or > MaxQuantity) errors[$"Lines[{i}].Quantity"] = $"Line {i + 1}: the quantity must be between 0 and {MaxQuantity:N0}.";
            if (line.UnitPrice is < 0 or > MaxUnitPrice) errors[$"Lines[{i}].UnitPrice"] = $"Line {i + 1}: the unit price must be between 0 and {MaxUnitPrice:N0}.";
            if (line.TaxRatePercent is < 0 or > 100) errors[$"Lines[{i}].TaxRatePercent"] = $"Line {i + 1}: the tax rate must be between 0 and 100 %.";
        }
    }

    public static void AddDiscountErrors(DiscountKind kind, decimal value, Dictionary<string, string> errors)
    {
        if (kind == DiscountKind.Percent && value is < 0 or > 100) errors["DiscountValue"] = "A percent discount must be between 0 and 100.";
        if (kind == DiscountKind.Amount && value < 0) errors["DiscountValue"] = "A discount cannot be negative.";
    }

    public static Result Invalid(Dictionary<string, string> errors) =>
        Result.Invalid(errors.Count == 1 ? errors.Values.First() : "Please correct the highlighted fields.", errors);

    /// <summary>UTC bounds of local calendar days [from, to] in the company's time zone.</summary>
    public static (DateTime? FromUtc, DateTime? ToUtcExclusive) UtcRange(TimeZoneInfo zone, DateOnly? from, DateOnly? to) =>
        (from is { } f ? StartOfDayUtc(zone, f) : null, to is { } t ? StartOfDayUtc(zone, t.AddDays(1)) : null);

    private static DateTime StartOfDayUtc(TimeZoneInfo zone, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // Where clocks jump forward at midnight, the day starts at the first hour that exists.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
