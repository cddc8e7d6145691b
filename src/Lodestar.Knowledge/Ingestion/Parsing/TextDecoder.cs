using System.Text;
using System.Text.Unicode;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Decodes a text file: a BOM decides (UTF-8, UTF-16, UTF-32), otherwise strict UTF-8, otherwise Latin-1 when
/// every byte is a printable Latin-1 character. Anything else (NUL bytes, control bytes) is refused as binary
/// so that images or archives renamed to .txt never reach the index as garbage.
/// </summary>
internal static class TextDecoder
{
    public const string BinaryReason = "binary or non-text content";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(Stream content)
    {
        var bytes = ReadAll(content);
        return Decode(bytes);
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = DecodeWithBom(bytes) ?? DecodeWithoutBom(bytes);
        if (text is null || text.Contains('\0', StringComparison.Ordinal))
        {
            throw new DocumentParseException(BinaryReason);
        }

        return text;
    }

    public static byte[] ReadAll(Stream content)
    {
        if (content is MemoryStream memory && memory.Position == 0)
        {
            return memory.ToArray();
        }

        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }

    private static string? DecodeWithBom(ReadOnlySpan<byte> bytes)
    {
        (Encoding? encoding, int bomLength) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (StrictUtf8, 3),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true), 4),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: true), 4),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true), 2),
            _ => ((Encoding?)null, 0),
        };
        if (encoding is null)
        {
            return null;
        }

        try
        {
            return encoding.GetString(bytes[bomLength..]);
        }
        catch (DecoderFallbackException)
        {
            throw new DocumentParseException(BinaryReason);
        }
    }

    private static string? DecodeWithoutBom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return null;
        }

        if (Utf8.IsValid(bytes))
        {
            return StrictUtf8.GetString(bytes);
        }

        foreach (var b in bytes)
        {
            if (!IsPrintableLatin1(b))
            {
                return null;
            }
        }

        return Encoding.Latin1.GetString(bytes);
    }

    private static bool IsPrintableLatin1(byte b) =>
        b is (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' || (b >= 0x20 && b != 0x7F && (b < 0x80 || b >= 0xA0));
}
