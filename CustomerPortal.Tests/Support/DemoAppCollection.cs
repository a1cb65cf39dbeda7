namespace CustomerPortal.Tests.Support;

/// <summary>The app started on an empty database with demo data switched on.</summary>
public sealed class DemoAppFactory : PortalAppFactory
{
    protected override bool SeedDemoData => true;
}

public sealed class DemoAppFixture : IDisposable
{
    public DemoAppFactory App { get; } = new();

    public void Dispose() => App.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DemoAppCollection : ICollectionFixture<DemoAppFixture>
{
    public const string Name = "demo app";
}
