namespace CustomerPortal.Web.Staff.Settings.Sections;

/// <summary>Helpers the settings sections share to show a field's error from the service.</summary>
internal static class SettingsField
{
    public static bool HasError(IReadOnlyDictionary<string, string> errors, string field) => errors.ContainsKey(field);

    public static string? ErrorOf(IReadOnlyDictionary<string, string> errors, string field) => errors.GetValueOrDefault(field);
}
