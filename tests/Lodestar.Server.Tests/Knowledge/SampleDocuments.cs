using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Lodestar.Server.Tests.Knowledge;

/// <summary>One small document per supported format, each with a word found nowhere else.</summary>
internal static class SampleDocuments
{
    public static readonly IReadOnlyDictionary<string, string> UniqueWordByFile = new Dictionary<string, string>
    {
        ["guide.md"] = "zeppelin",
        ["notes.txt"] = "quokka",
        ["page.html"] = "marmoset",
        ["report.docx"] = "gyroscope",
        ["settings.json"] = "tangerine",
        ["people.csv"] = "kilimanjaro",
    };

    public static void WriteAll(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "guide.md"), "# Guide\n\n## Airships\n\nThe zeppelin hangar opens at dawn. Crews check the gas cells before every flight.\n");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "Field notes\n\nThe quokka colony on the island grew this year.\n");
        File.WriteAllText(Path.Combine(folder, "page.html"), "<html><head><title>Zoo</title><script>var marmoset = 'hidden';</script></head><body><nav>Home | About</nav><main><h1>Primates</h1><p>The marmoset enclosure is warm and humid.</p></main></body></html>");
        File.WriteAllText(Path.Combine(folder, "settings.json"), "{\"theme\": {\"accent\": \"tangerine\", \"dark\": true}}");
        File.WriteAllText(Path.Combine(folder, "people.csv"), "name,mountain\nAda,Kilimanjaro\nGrace,Denali\n");
        WriteDocx(Path.Combine(folder, "report.docx"), "Navigation", "The gyroscope keeps the robot level on stairs.");
    }

    public static void WriteDocx(string path, string heading, string paragraph)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.Document = new Document(new Body(
            new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), new Run(new Text(heading))),
            new Paragraph(new Run(new Text(paragraph)))));
        main.Document.Save();
    }
}
