namespace Lodestar.Knowledge.Settings;

/// <summary>A knowledge base's saved settings with who saved them and when; <paramref name="Version"/> counts saves.</summary>
public sealed record StoredKnowledgeBaseSettings(KnowledgeBaseSettings Settings, long Version, string UpdatedBy, DateTimeOffset UpdatedAt);
