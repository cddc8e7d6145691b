namespace Lodestar.Governance.Privacy;

/// <summary>Where a rule applies.</summary>
[Flags]
public enum PiiScope
{
    None = 0,

    /// <summary>Documents entering a knowledge base.</summary>
    Ingest = 1,

    /// <summary>Answers returned to users.</summary>
    Answers = 2,

    /// <summary>Prompts sent to a model provider.</summary>
    OutboundLlm = 4,

    All = Ingest | Answers | OutboundLlm,
}
