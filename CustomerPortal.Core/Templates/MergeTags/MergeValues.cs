namespace CustomerPortal.Core.Templates.MergeTags;

/// <summary>The values of one message's fields, by field name (upper case, as <see cref="MergeTemplate.Tags"/> has them).</summary>
public sealed class MergeValues(RecipientLinks? links = null)
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    /// <summary>Sets a link field to the recipient's link to an app-relative page (<see cref="Documents.PortalPaths"/>).</summary>
    public MergeValues SetLink(string tag, string path) =>
        Set(tag, (links ?? throw new InvalidOperationException("These values were made without the recipient's links.")).Url(path));

    public MergeValues Set(string tag, string? value)
    {
        _values[tag.ToUpperInvariant()] = value;
        return this;
    }

    public string? Get(string tag) => _values.GetValueOrDefault(tag);

    public IReadOnlyDictionary<string, string?> All => _values;
}
