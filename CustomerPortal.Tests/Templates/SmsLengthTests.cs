using CustomerPortal.Core.Templates;

namespace CustomerPortal.Tests.Templates;

public sealed class SmsLengthTests
{
    [Theory]
    [InlineData("", SmsEncoding.Gsm7, 0, 0)]
    [InlineData("Hello Ana, your invoice is ready.", SmsEncoding.Gsm7, 33, 1)]
    [InlineData("Prix: 5€ {ok}", SmsEncoding.Gsm7, 16, 1)]
    [InlineData("Café à Zürich", SmsEncoding.Gsm7, 13, 1)]
    [InlineData("Ça coûte 5", SmsEncoding.Ucs2, 10, 1)]
    [InlineData("Thanks 👍", SmsEncoding.Ucs2, 9, 1)]
    public void CountsUnitsInTheEncodingTheMessageNeeds(string text, SmsEncoding encoding, int units, int segments)
    {
        Assert.Equal(new SmsLength(encoding, units, segments), SmsLength.Of(text));
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Gsm7_Is160InOneMessage_And153PerPart(int length, int segments)
    {
        Assert.Equal(segments, SmsLength.Of(new string('a', length)).Segments);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2_Is70InOneMessage_And67PerPart(int length, int segments)
    {
        Assert.Equal(segments, SmsLength.Of(new string('ç', length)).Segments);
    }

    [Fact]
    public void APartNeverSplitsAnEscapedCharacterOrAnEmoji()
    {
        // 152 plain characters then "€" (two units): 154 units in the first part would not fit, so "€" starts part two.
        var gsm = SmsLength.Of(new string('a', 152) + "€" + new string('a', 10));
        Assert.Equal((SmsEncoding.Gsm7, 164, 2), (gsm.Encoding, gsm.Units, gsm.Segments));
        Assert.Equal(3, SmsLength.Of(new string('a', 152) + "€" + new string('a', 152)).Segments);

        var emoji = SmsLength.Of(new string('ç', 66) + "😀" + new string('ç', 66));
        Assert.Equal((SmsEncoding.Ucs2, 134, 3), (emoji.Encoding, emoji.Units, emoji.Segments));
    }
}
