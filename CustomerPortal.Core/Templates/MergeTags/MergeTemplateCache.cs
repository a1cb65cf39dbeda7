using System.Collections.Concurrent;

namespace CustomerPortal.Core.Templates.MergeTags;

/// <summary>
/// Parsed templates by their text and event, so a template is parsed once however many messages it fills. Bounded:
/// when full it starts again (templates change rarely; a re-parse is cheap next to a send).
/// </summary>
public sealed class MergeTemplateCache
{
    private const int Capacity = 1024;
    private readonly ConcurrentDictionary<(string Source, TemplateEvent Event), MergeTemplateParse> _parsed = new();

    public MergeTemplateParse Get(string source, TemplateEvent templateEvent)
    {
        var key = (source ?? "", templateEvent);
        if (_parsed.TryGetValue(key, out var parsed)) return parsed;
        parsed = MergeTagCatalog.Parse(key.Item1, templateEvent);
        if (_parsed.Count >= Capacity) _parsed.Clear();
        return _parsed.GetOrAdd(key, parsed);
    }
}
