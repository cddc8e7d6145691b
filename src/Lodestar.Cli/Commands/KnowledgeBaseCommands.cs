using System.CommandLine;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Settings;

namespace Lodestar.Cli.Commands;

/// <summary>
/// <c>kb settings show|set</c>: a knowledge base's own settings, the same as <c>GET|PUT /v1/knowledge-bases/{kb}/settings</c>.
/// <c>set</c> changes only the sections it is given options for (starting from their current values); <c>--reset</c> returns sections to the defaults.
/// </summary>
internal static class KnowledgeBaseCommands
{
    private static readonly string[] Sections = ["analyzer", "bm25", "chunking", "embedding", "chat"];

    public static Command Create()
    {
        var settings = new Command("settings", "Show or change a knowledge base's analyzer, BM25, chunking and model settings");
        settings.Subcommands.Add(CreateShow());
        settings.Subcommands.Add(CreateSet());
        var kb = new Command("kb", "Knowledge base administration");
        kb.Subcommands.Add(settings);
        return kb;
    }

    private static Command CreateShow()
    {
        var knowledgeBase = CommonOptions.KnowledgeBase();
        var command = new Command("show", "Show the saved and the effective settings") { knowledgeBase };
        command.SetHandler(async (context, ct) =>
        {
            var kb = KnowledgeBaseId.Create(Principal.DefaultTenant, context.ParseResult.GetValue(knowledgeBase));
            var service = context.GetRequiredService<KnowledgeSettingsService>();
            var stored = await service.GetStoredAsync(kb, ct).ConfigureAwait(false);
            var effective = await service.GetEffectiveAsync(kb, ct).ConfigureAwait(false);
            var view = new { settings = stored?.Settings ?? new KnowledgeBaseSettings(), effective, version = stored?.Version ?? 0, stored?.UpdatedBy, stored?.UpdatedAt };
            context.Output(view, _ => Print(effective, stored));
            return CliRunner.Success;
        });
        return command;
    }

    private static Command CreateSet()
    {
        var knowledgeBase = CommonOptions.KnowledgeBase();
        var stemmer = new Option<string?>("--stemmer") { Description = "porter or none" };
        var stopWords = new Option<string?>("--stop-words") { Description = "english, none, or a comma-separated custom list" };
        var lowercase = new Option<bool?>("--lowercase") { Description = "true or false" };
        var k1 = new Option<float?>("--k1") { Description = "BM25 k1 (0..10)" };
        var b = new Option<float?>("--b") { Description = "BM25 b (0..1)" };
        var chunkTokens = new Option<int?>("--chunk-tokens") { Description = "Chunk size in tokens (32..4096), for documents ingested from now on" };
        var chunkOverlap = new Option<int?>("--chunk-overlap") { Description = "Chunk overlap in tokens" };
        var embedding = new Option<string?>("--embedding") { Description = "local, openai or none (a change re-embeds in the background)" };
        var embeddingUrl = new Option<string?>("--embedding-url") { Description = "OpenAI-compatible base URL, e.g. http://localhost:11434/v1/" };
        var embeddingModel = new Option<string?>("--embedding-model") { Description = "Embedding model name at that endpoint" };
        var embeddingKeyEnv = new Option<string?>("--embedding-key-env") { Description = "Name of the environment variable holding the API key (never the key)" };
        var embeddingDimensions = new Option<int?>("--embedding-dimensions") { Description = "Vector length, if the endpoint needs it" };
        var chatUrl = new Option<string?>("--chat-url") { Description = "OpenAI-compatible chat base URL for this knowledge base's answers" };
        var chatModel = new Option<string?>("--chat-model") { Description = "Chat model name" };
        var chatKeyEnv = new Option<string?>("--chat-key-env") { Description = "Name of the environment variable holding the chat API key" };
        var chatTimeout = new Option<int?>("--chat-timeout") { Description = "Seconds per chat attempt (1..600)" };
        var chatRetries = new Option<int?>("--chat-retries") { Description = "Chat retries (0..10)" };
        var reset = new Option<string?>("--reset") { Description = "Comma-separated sections to return to the defaults: " + string.Join(',', Sections) };
        var command = new Command("set", "Change a knowledge base's settings (admin; audited)")
        {
            knowledgeBase, stemmer, stopWords, lowercase, k1, b, chunkTokens, chunkOverlap, embedding, embeddingUrl, embeddingModel, embeddingKeyEnv,
            embeddingDimensions, chatUrl, chatModel, chatKeyEnv, chatTimeout, chatRetries, reset,
        };
        command.SetHandler(async (context, ct) =>
        {
            var r = context.ParseResult;
            var kb = KnowledgeBaseId.Create(Principal.DefaultTenant, r.GetValue(knowledgeBase));
            var service = context.GetRequiredService<KnowledgeSettingsService>();
            var saved = (await service.GetStoredAsync(kb, ct).ConfigureAwait(false))?.Settings ?? new KnowledgeBaseSettings();
            var effective = await service.GetEffectiveAsync(kb, ct).ConfigureAwait(false);
            var next = saved;
            if (r.GetValue(stemmer) is not null || r.GetValue(stopWords) is not null || r.GetValue(lowercase) is not null)
            {
                var current = effective.Analyzer!;
                var words = r.GetValue(stopWords);
                var named = words is null or "english" or "none";
                next = next with
                {
                    Analyzer = new AnalyzerSettings(r.GetValue(stemmer) ?? current.Stemmer, words is null ? current.StopWords : named ? words : "custom",
                        words is null ? current.CustomStopWords : named ? null : words.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                        r.GetValue(lowercase) ?? current.Lowercase),
                };
            }

            if (r.GetValue(k1) is not null || r.GetValue(b) is not null)
            {
                next = next with { Bm25 = new Bm25Settings(r.GetValue(k1) ?? effective.Bm25!.K1, r.GetValue(b) ?? effective.Bm25!.B) };
            }

            if (r.GetValue(chunkTokens) is not null || r.GetValue(chunkOverlap) is not null)
            {
                next = next with { Chunking = new ChunkingSettings(r.GetValue(chunkTokens) ?? effective.Chunking!.MaxTokens, r.GetValue(chunkOverlap) ?? effective.Chunking!.OverlapTokens) };
            }

            if (r.GetValue(embedding) is { } provider)
            {
                next = next with { Embedding = new EmbeddingProviderSettings(provider, UrlOf(r.GetValue(embeddingUrl), "--embedding-url"), r.GetValue(embeddingModel), r.GetValue(embeddingKeyEnv), r.GetValue(embeddingDimensions)) };
            }

            if (r.GetValue(chatUrl) is not null || r.GetValue(chatModel) is not null)
            {
                next = next with
                {
                    Chat = new ChatProviderSettings(UrlOf(r.GetValue(chatUrl), "--chat-url") ?? throw LodestarException.Invalid("--chat-model needs --chat-url"),
                        r.GetValue(chatModel) ?? throw LodestarException.Invalid("--chat-url needs --chat-model"), r.GetValue(chatKeyEnv), r.GetValue(chatTimeout) ?? 60, r.GetValue(chatRetries) ?? 2),
                };
            }

            next = Reset(next, r.GetValue(reset));
            var (stored, jobId) = await service.SetAsync(kb, next, Principal.LocalAdministrator, ct).ConfigureAwait(false);
            var now = await service.GetEffectiveAsync(kb, ct).ConfigureAwait(false);
            context.Output(new { settings = stored.Settings, effective = now, version = stored.Version, reembedJobId = jobId }, _ =>
            {
                Print(now, stored);
                if (jobId is not null)
                {
                    Console.WriteLine($"re-embedding queued as job {jobId} (runs on a serving node; search keeps the old vectors until it completes)");
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Uri? UrlOf(string? text, string option) =>
        text is null ? null : Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : throw LodestarException.Invalid($"{option} is not an absolute URL: {text}");

    private static KnowledgeBaseSettings Reset(KnowledgeBaseSettings settings, string? sections)
    {
        foreach (var section in sections?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
        {
            settings = section switch
            {
                "analyzer" => settings with { Analyzer = null },
                "bm25" => settings with { Bm25 = null },
                "chunking" => settings with { Chunking = null },
                "embedding" => settings with { Embedding = null },
                "chat" => settings with { Chat = null },
                _ => throw LodestarException.Invalid($"unknown section '{section}' for --reset: use {string.Join(", ", Sections)}"),
            };
        }

        return settings;
    }

    private static void Print(KnowledgeBaseSettings effective, StoredKnowledgeBaseSettings? stored)
    {
        var own = stored?.Settings ?? new KnowledgeBaseSettings();
        Console.WriteLine($"analyzer     {effective.Analyzer!.Describe()}{Origin(own.Analyzer)}");
        Console.WriteLine($"bm25         k1={effective.Bm25!.K1} b={effective.Bm25.B}{Origin(own.Bm25)}");
        Console.WriteLine($"chunking     {effective.Chunking!.MaxTokens} tokens, overlap {effective.Chunking.OverlapTokens}{Origin(own.Chunking)}");
        Console.WriteLine($"embedding    {(effective.Embedding is { } e ? JsonSerializer.Serialize(e, CliContext.JsonOptions) : "host default")}");
        Console.WriteLine($"chat         {(effective.Chat is { } c ? JsonSerializer.Serialize(c, CliContext.JsonOptions) : "host default")}");
        if (stored is not null)
        {
            Console.WriteLine($"version      {stored.Version} by {stored.UpdatedBy} at {stored.UpdatedAt:u}");
        }
    }

    private static string Origin(object? own) => own is null ? " (default)" : string.Empty;
}
