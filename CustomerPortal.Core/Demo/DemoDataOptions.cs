using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Core.Demo;

public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    /// <summary>Seed a demo company into an empty database at start-up. Turn off before the first start of a real installation.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Password of every demo login (staff and portal).</summary>
    [Required, MinLength(8)]
    public string Password { get; set; } = "demo-pass-1";
}
