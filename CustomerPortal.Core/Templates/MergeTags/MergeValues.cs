namespace CustomerPortal.Core.Templates.MergeTags;

/// <summary>The values of one message's fields, by field name (upper case, as <see cref="MergeTemplate.Tags"/> has them).</summary>
public sealed class MergeValues
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public MergeValues Set(string tag, string? value)
    {
        _values[tag.ToUpperInvariant()] = value;
        return this;
    }

    public string? Get(string tag) => _values.GetValueOrDefault(tag);

    public IReadOnlyDictionary<string, string?> All => _values;
}
