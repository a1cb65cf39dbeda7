namespace CustomerPortal.Tests.Support;

/// <summary>One app (one Kestrel, one SQLite file) shared by the integration tests of this collection.</summary>
public sealed class WebAppFixture : IDisposable
{
    public PortalAppFactory App { get; } = new();

    public void Dispose() => App.Dispose();
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
