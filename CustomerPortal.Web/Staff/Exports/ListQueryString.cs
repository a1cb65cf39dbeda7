using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Primitives;

namespace CustomerPortal.Web.Staff.Exports;

/// <summary>
/// One mapping between a staff list's query record (CustomerListQuery, InvoiceListQuery, ReviewFilter, …) and a query
/// string, so a page's export link and the export endpoint read the same filters the same way. Every settable property of
/// a simple type (text, whole number, yes/no, enum, day) is a parameter named in camelCase (<c>customerId</c>,
/// <c>unpaidOnly</c>); paging (<c>Page</c>, <c>PageSize</c>, <c>PageRequest</c>) is not, since an export has every page.
/// Values equal to the record's defaults are left out of links.
/// </summary>
public static class ListQueryString
{
    private static readonly HashSet<string> Paging = ["Page", "PageSize"];

    /// <summary>"?status=Overdue&amp;from=2026-01-01", or "" when the query is the list's default.</summary>
    public static string Format<TQuery>(TQuery query) where TQuery : class
    {
        var defaults = Default<TQuery>();
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var property in Properties<TQuery>())
        {
            var value = property.GetValue(query);
            if (Equals(value, property.GetValue(defaults)) || value is null) continue;
            pairs.Add(new(NameOf(property), Text(value)));
        }
        return QueryString.Create(pairs).ToUriComponent();
    }

    /// <summary>The query the parameters describe (the list's defaults for those left out); false when a value cannot be read.</summary>
    public static bool TryParse<TQuery>(IQueryCollection parameters, out TQuery query) where TQuery : class
    {
        query = Default<TQuery>();
        foreach (var property in Properties<TQuery>())
        {
            if (!parameters.TryGetValue(NameOf(property), out var values) || StringValues.IsNullOrEmpty(values)) continue;
            if (values.Count > 1 || !TryRead(values[0]!, property.PropertyType, out var value)) return false;
            property.SetValue(query, value);
        }
        return true;
    }

    private static IEnumerable<PropertyInfo> Properties<TQuery>() =>
        typeof(TQuery).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && !Paging.Contains(p.Name) && IsSimple(p.PropertyType));

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(int) || type == typeof(bool) || type == typeof(DateOnly) || type.IsEnum;
    }

    /// <summary>A record with the list's defaults: its parameterless constructor, or the positional one with every default.</summary>
    private static TQuery Default<TQuery>()
    {
        var constructor = typeof(TQuery).GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        return (TQuery)constructor.Invoke(arguments);
    }

    private static string NameOf(PropertyInfo property) => char.ToLowerInvariant(property.Name[0]) + property.Name[1..];

    private static string Text(object value) => value switch
    {
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool yes => yes ? "true" : "false",
        Enum named => named.ToString(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool TryRead(string text, Type type, out object? value)
    {
        value = null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string)) value = text;
        else if (target == typeof(int) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) value = number;
        else if (target == typeof(bool) && bool.TryParse(text, out var yes)) value = yes;
        else if (target == typeof(DateOnly) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) value = day;
        // One name only: a number or a list of names ("Sent,Paid") would reach values the list does not offer.
        else if (target.IsEnum && char.IsAsciiLetter(text[0]) && text.All(char.IsAsciiLetterOrDigit)
                 && Enum.TryParse(target, text, ignoreCase: true, out var named)) value = named;
        return value is not null;
    }
}
