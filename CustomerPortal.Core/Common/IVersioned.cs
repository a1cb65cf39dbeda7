namespace CustomerPortal.Core.Common;

/// <summary>
/// A record two people may edit at once. <see cref="Version"/> is an optimistic concurrency token that the
/// DbContext bumps on every save, so a stale edit fails instead of silently overwriting.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
