namespace Lodestar.Knowledge.Answering;

/// <summary>What one chat-model call consumed, as the provider reported it (zero when it reported nothing).</summary>
public sealed record ModelUsage(string Model, long InputTokens, long OutputTokens);
