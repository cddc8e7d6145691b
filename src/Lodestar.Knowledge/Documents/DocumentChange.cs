namespace Lodestar.Knowledge.Documents;

/// <summary>One entry of a knowledge base's ordered change log; indexes replay it to catch up with the store.</summary>
public sealed record DocumentChange(long Sequence, string DocumentId);
