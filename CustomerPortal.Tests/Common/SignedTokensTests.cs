using CustomerPortal.Core.Common;
using CustomerPortal.Tests.Support;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Common;

public sealed class SignedTokensTests
{
    [Fact]
    public async Task AToken_GivesBackItsPayload_OnlyForItsPurpose_AndNotWhenChanged()
    {
        await using var core = await CoreServices.StartAsync();
        var tokens = core.Get<SignedTokens>();
        byte[] payload = [1, 2, 3, 250];

        var token = tokens.Sign("link", payload);

        Assert.Equal(token, token.ToLowerInvariant());
        Assert.Equal(payload, tokens.Verify("link", token));
        Assert.Equal(payload, tokens.Verify("link", token.ToUpperInvariant()));
        Assert.Null(tokens.Verify("reply", token));
        var tampered = (token[0] == '0' ? "1" : "0") + token[1..];
        Assert.Null(tokens.Verify("link", tampered));
        Assert.Null(tokens.Verify("link", token[..^2]));
        Assert.Null(tokens.Verify("link", "not hex at all, not hex at all, not hex at all!"));
        Assert.Null(tokens.Verify("link", null));
    }

    [Fact]
    public async Task TheKey_IsSharedThroughTheDatabase_SoAnotherInstanceAcceptsTheToken()
    {
        await using var core = await CoreServices.StartAsync();
        var token = core.Get<SignedTokens>().Sign("link", [7, 7]);

        // A second SignedTokens on the same database stands for another app instance, or the app after a restart.
        var other = new SignedTokens(core.Get<IDbContextFactory<PortalDbContext>>(), core.Clock);

        Assert.Equal([7, 7], other.Verify("link", token));
    }
}
