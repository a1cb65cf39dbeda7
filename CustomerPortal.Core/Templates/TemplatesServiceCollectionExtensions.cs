using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary>The merge-tag engine, the e-mail and SMS templates staff edit, and the composer every notification goes through.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.AddSingleton<MergeTemplateCache>();
        services.AddSingleton<NotificationComposer>();
        services.AddSingleton<MessageTemplateService>();
        return services;
    }
}
