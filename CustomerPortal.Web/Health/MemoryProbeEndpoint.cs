namespace CustomerPortal.Web.Health;

/// <summary>
/// For the circuit-memory benchmark (<c>CustomerPortal.LoadTest circuits</c>): <c>/load-test/memory</c> forces full
/// garbage collections and answers the bytes still live on the managed heap. Mapped only when the setting
/// <c>LoadTest:MemoryProbe</c> is true; the benchmark maps the same line into the Blazor template it compares against.
/// </summary>
public static class MemoryProbeEndpoint
{
    public const string Path = "/load-test/memory";
    public const string Setting = "LoadTest:MemoryProbe";

    public static void MapMemoryProbeWhenLoadTesting(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(Setting)) app.MapGet(Path, () => GC.GetTotalMemory(forceFullCollection: true)).AllowAnonymous();
    }
}
