using System.Text;
using System.Text.Json;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// JSON as "key.path: value" lines, so a question about "settings.timeout" finds the line that states it.
/// Each top-level member (or top-level array element) becomes one block.
/// </summary>
internal sealed class JsonDocumentParser : IDocumentParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 128,
    };

    public IReadOnlyCollection<string> Extensions { get; } = [".json"];

    public ParsedDocument Parse(Stream content, string fileName)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(TextDecoder.Decode(content), Options);
        }
        catch (JsonException ex)
        {
            throw new DocumentParseException("invalid JSON: " + ex.Message);
        }

        using (json)
        {
            var builder = new DocumentBuilder("application/json");
            var root = json.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var member in root.EnumerateObject())
                    {
                        builder.Block(SectionKind.Paragraph, Lines(member.Value, member.Name));
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var element in root.EnumerateArray())
                    {
                        builder.Block(SectionKind.Paragraph, Lines(element, $"[{index++}]"));
                    }

                    break;
                default:
                    builder.Block(SectionKind.Paragraph, Lines(root, ""));
                    break;
            }

            return builder.Build(Path.GetFileNameWithoutExtension(fileName));
        }
    }

    private static string Lines(JsonElement element, string path)
    {
        var text = new StringBuilder();
        AppendLines(element, path, text);
        return text.ToString();
    }

    private static void AppendLines(JsonElement element, string path, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    AppendLines(member.Value, path.Length == 0 ? member.Name : path + "." + member.Name, text);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    AppendLines(item, $"{path}[{index++}]", text);
                }

                break;
            default:
                var value = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                text.Append(path.Length == 0 ? value : path + ": " + value).Append('\n');
                break;
        }
    }
}
