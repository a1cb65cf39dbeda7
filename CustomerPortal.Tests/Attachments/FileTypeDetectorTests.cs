using CustomerPortal.Core.Attachments;

namespace CustomerPortal.Tests.Attachments;

public sealed class FileTypeDetectorTests
{
    [Theory]
    [InlineData("FFD8FFE0", "anything.bin", "image/jpeg")]
    [InlineData("89504E470D0A1A0A", "x", "image/png")]
    [InlineData("474946383961", "x.jpg", "image/gif")]
    [InlineData("524946460000000057454250", "x", "image/webp")]
    [InlineData("255044462D312E37", "scan.jpg", "application/pdf")]
    [InlineData("6E616D652C616D6F756E740A", "list.csv", "text/csv")]
    [InlineData("48656C6C6F0D0A", "notes.TXT", "text/plain")]
    public void Detect_KnownContent_GivesTypeFromBytesNotName(string hex, string name, string expected)
    {
        Assert.Equal(expected, FileTypeDetector.Detect(Convert.FromHexString(hex), name)?.ContentType);
    }

    [Theory]
    [InlineData("4D5A90000300", "photo.jpg")] // Windows program
    [InlineData("7F454C46", "photo.png")] // Linux program
    [InlineData("504B0304", "report.pdf")] // zip (or docx)
    [InlineData("3C73766720786D6C6E733D", "logo.svg")] // <svg xmlns=
    [InlineData("48656C6C6F", "notes.html")] // text, but not named .txt or .csv
    [InlineData("48650069", "notes.txt")] // a NUL byte is not text
    [InlineData("C328", "notes.txt")] // broken UTF-8
    public void Detect_AnythingElse_IsRefused(string hex, string name)
    {
        Assert.Null(FileTypeDetector.Detect(Convert.FromHexString(hex), name));
    }
}
