using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary>The merge-tag engine: parsed templates cached by text.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.AddSingleton<MergeTemplateCache>();
        return services;
    }
}
