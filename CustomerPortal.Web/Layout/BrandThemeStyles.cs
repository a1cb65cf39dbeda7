using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CustomerPortal.Web.Layout;

/// <summary>
/// The MudBlazor theme's CSS in each accent colour, rendered once by MudThemeProvider and shared by every page. A
/// MudThemeProvider in each layout kept, per open page (circuit), two theme objects and two copies of a style text of
/// about 30,000 characters (the current and the previous render), some 150 KB; a shared string costs a page nothing.
/// </summary>
public sealed class BrandThemeStyles(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<MarkupString>>> _styles = new(StringComparer.Ordinal);

    /// <summary>The &lt;style&gt; elements MudThemeProvider writes for <see cref="BrandTheme.For"/> of the colour.</summary>
    public Task<MarkupString> ForAsync(string accentColor)
    {
        var accent = BrandTheme.IsHexColor(accentColor) ? accentColor.ToUpperInvariant() : BrandTheme.DefaultAccent;
        return _styles.GetOrAdd(accent, key => new Lazy<Task<MarkupString>>(() => RenderAsync(key))).Value;
    }

    private async Task<MarkupString> RenderAsync(string accent)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
            return await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(MudThemeProvider.Theme)] = BrandTheme.For(accent),
                    [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
                }));
                return new MarkupString(output.ToHtmlString());
            });
        }
        catch
        {
            _styles.TryRemove(accent, out _);
            throw;
        }
    }
}
