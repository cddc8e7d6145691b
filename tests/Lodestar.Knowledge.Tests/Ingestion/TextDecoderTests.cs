using System.Text;
using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

public sealed class TextDecoderTests
{
    [Fact]
    public void Decode_Utf8WithBom_StripsBom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Grüße")];

        Assert.Equal("Grüße", TextDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_Utf16LittleEndianWithBom_Decodes()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("naïve café")];

        Assert.Equal("naïve café", TextDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_Latin1WithoutBom_FallsBackToLatin1()
    {
        var bytes = Encoding.Latin1.GetBytes("Café crème, 5 €uro? no: 5 Fr.");

        Assert.Equal(Encoding.Latin1.GetString(bytes), TextDecoder.Decode(bytes));
        Assert.StartsWith("Café crème", TextDecoder.Decode(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x68, 0x69, 0x00, 0x68, 0x69 })]
    [InlineData(new byte[] { 0xC3, 0x28, 0x81, 0x90 })]
    public void Decode_BinaryBytes_ThrowsBinaryReason(byte[] bytes)
    {
        var error = Assert.Throws<DocumentParseException>(() => TextDecoder.Decode(bytes));

        Assert.Equal("binary or non-text content", error.Message);
    }
}
