using System.Text;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using SkiaSharp;

namespace CustomerPortal.Tests.Company;

public sealed class LogoImageTests
{
    private static byte[] Encode(SKEncodedImageFormat format, int width = 12, int height = 6)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.OrangeRed);
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    [Fact]
    public void Inspect_Png_IsAccepted()
    {
        var result = LogoImage.Inspect(Encode(SKEncodedImageFormat.Png));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(("image/png", ".png"), (result.Value!.ContentType, result.Value.Extension));
    }

    [Fact]
    public void Inspect_Jpeg_IsAccepted()
    {
        var result = LogoImage.Inspect(Encode(SKEncodedImageFormat.Jpeg));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("image/jpeg", result.Value!.ContentType);
    }

    [Fact]
    public void Inspect_PngSignatureFollowedByGarbage_IsRefused()
    {
        var fake = new byte[200];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(fake, 0);

        var result = LogoImage.Inspect(fake);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains("damaged", result.Message);
    }

    [Theory]
    [InlineData("MZ\u0090\u0000 this is a Windows program")]
    [InlineData("GIF89a")]
    [InlineData("<html><body>not an image</body></html>")]
    [InlineData("%PDF-1.7")]
    public void Inspect_OtherContent_IsRefusedWhateverItsName(string content)
    {
        var result = LogoImage.Inspect(Encoding.Latin1.GetBytes(content));

        Assert.Equal(LogoImage.WrongTypeMessage, result.Message);
    }

    [Fact]
    public void Inspect_Empty_IsRefused() => Assert.Equal(ResultKind.Invalid, LogoImage.Inspect([]).Kind);

    [Fact]
    public void Inspect_OverOneMegabyte_IsRefusedBeforeLookingAtIt()
    {
        var big = new byte[LogoImage.MaxBytes + 1];
        Encode(SKEncodedImageFormat.Png).CopyTo(big, 0);

        var result = LogoImage.Inspect(big);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains("limit is 1 MB", result.Message);
    }

    [Fact]
    public void Inspect_Svg_IsAcceptedAndCleaned()
    {
        var svg = "<?xml version=\"1.0\"?>\n<!-- Generator: an editor -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\"><rect width=\"4\" height=\"4\" onclick=\"x()\"/></svg>";

        var result = LogoImage.Inspect(Encoding.UTF8.GetBytes(svg));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("image/svg+xml", result.Value!.ContentType);
        Assert.DoesNotContain("onclick", Encoding.UTF8.GetString(result.Value.Content));
    }

    [Fact]
    public void Inspect_BrokenSvg_IsRefused()
    {
        var result = LogoImage.Inspect(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>"));

        Assert.Equal(ResultKind.Invalid, result.Kind);
    }
}
