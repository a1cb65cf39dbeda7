using CustomerPortal.Core.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core;

public static class FilesServiceCollectionExtensions
{
    /// <summary>The file store <c>Files:Store</c> names, as <see cref="IFileStore"/>; nothing else knows which one it is.</summary>
    public static IServiceCollection AddFiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FileStoreOptions>().Bind(configuration.GetSection(FileStoreOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        // Only the interface is registered, so no feature can ask for one store in particular.
        services.AddSingleton<IFileStore>(provider => provider.GetRequiredService<IOptions<FileStoreOptions>>().Value.Store switch
        {
            FileStoreKind.Database => ActivatorUtilities.CreateInstance<DatabaseFileStore>(provider),
            _ => ActivatorUtilities.CreateInstance<FolderFileStore>(provider),
        });
        return services;
    }
}
