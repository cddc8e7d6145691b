namespace Lodestar.Knowledge.Ingestion;

/// <summary>What a block of a parsed document is; the chunker keeps code and tables whole when they fit.</summary>
public enum SectionKind
{
    Heading,
    Paragraph,
    ListItem,
    Code,
    Table,
    Quote,
}
