using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Documents.Pdf;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core;

public static class DocumentsServiceCollectionExtensions
{
    /// <summary>Estimates, invoices and their PDF documents.</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalLinkOptions>().Bind(configuration.GetSection(PortalLinkOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PortalLinks>();
        services.AddSingleton<DocumentLifecycle>();
        services.AddSingleton<EstimateService>();
        services.AddSingleton<InvoiceService>();
        services.AddSingleton<PdfDocumentRenderer>();
        services.AddSingleton<DocumentPdfService>();
        return services;
    }
}
