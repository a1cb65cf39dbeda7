using CustomerPortal.Core.Messaging.Inbound;

namespace CustomerPortal.Tests.Messaging.Inbound;

public sealed class ReplyAddressesTests : IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync(settings: InboundKit.Settings());

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private ReplyAddresses Addresses => _core.Get<ReplyAddresses>();

    [Fact]
    public void Address_ReadsBackToItsThreadAndUser_AndFitsALocalPart()
    {
        var address = InboundKit.Address(Addresses.For(threadId: 1234, portalUserId: 56));

        Assert.Equal(InboundKit.Domain, address.Host);
        Assert.StartsWith("reply+", address.User);
        Assert.True(address.User.Length <= 64, $"local part of {address.User.Length} characters");
        Assert.Equal(ReplyAddressCheck.Valid, Addresses.Read(address, out var token));
        Assert.Equal((1234, 56), (token!.ThreadId, token.PortalUserId));
        Assert.Equal(CoreServices.StartTime.UtcDateTime.AddDays(60), token.ExpiresAtUtc);
    }

    [Fact]
    public void Address_InCapitals_StillReads()
    {
        var address = Addresses.For(7, 8).ToUpperInvariant();

        Assert.Equal(ReplyAddressCheck.Valid, Addresses.Read(InboundKit.Address(address), out var token));
        Assert.Equal(7, token!.ThreadId);
    }

    [Fact]
    public void TamperedAddress_IsForged()
    {
        var address = Addresses.For(7, 8);
        // Another thread's id written over the first payload byte, keeping the signature.
        var tampered = address.Replace("reply+00", "reply+01");
        var truncated = address.Replace("@", "0@");

        Assert.Equal(ReplyAddressCheck.Forged, Addresses.Read(InboundKit.Address(tampered), out var token));
        Assert.Null(token);
        Assert.Equal(ReplyAddressCheck.Forged, Addresses.Read(InboundKit.Address(truncated), out _));
        Assert.Equal(ReplyAddressCheck.Forged, Addresses.Read(InboundKit.Address("reply+" + new string('a', 56) + "@" + InboundKit.Domain), out _));
    }

    [Fact]
    public void AddressAtAnotherDomain_IsNotOurs()
    {
        var address = Addresses.For(7, 8).Replace(InboundKit.Domain, "elsewhere.example.test");

        Assert.False(Addresses.IsReplyAddress(InboundKit.Address(address)));
        Assert.Equal(ReplyAddressCheck.Forged, Addresses.Read(InboundKit.Address(address), out _));
    }

    [Fact]
    public void Address_ExpiresAfterItsLifetime()
    {
        var address = InboundKit.Address(Addresses.For(7, 8));

        _core.Clock.Now = CoreServices.StartTime.AddDays(60).AddSeconds(-1);
        Assert.Equal(ReplyAddressCheck.Valid, Addresses.Read(address, out _));
        _core.Clock.Now = CoreServices.StartTime.AddDays(60);
        Assert.Equal(ReplyAddressCheck.Expired, Addresses.Read(address, out var token));
        Assert.Null(token);
    }
}

public sealed class InboundEmailOptionsTests
{
    [Fact]
    public void Enabled_NeedsADomainAndALongSecret()
    {
        Assert.Equal(2, Errors(new InboundEmailOptions { Enabled = true, ReplyDomain = "localhost", WebhookSecret = "short" }));
        Assert.Equal(0, Errors(new InboundEmailOptions { Enabled = true, ReplyDomain = InboundKit.Domain, WebhookSecret = InboundKit.Secret }));
        Assert.Equal(0, Errors(new InboundEmailOptions { Enabled = false }));
    }

    private static int Errors(InboundEmailOptions options) =>
        options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Count();
}
