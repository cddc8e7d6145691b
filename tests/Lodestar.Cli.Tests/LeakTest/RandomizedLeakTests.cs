using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Cli.Tests.Governance;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Knowledge.Documents;
using Lodestar.Server;
using Lodestar.Server.Composition;
using Lodestar.Server.Security;
using Lodestar.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lodestar.Cli.Tests.LeakTest;

/// <summary>
/// The randomized leak test: a random organisation (users, groups, nested folders with allow/deny sidecars, ACL
/// overrides set with <c>acl set</c>) is ingested, then random users search and ask through the in-process CLI
/// and through the real HTTP server. Zero leaks allowed, checked against <see cref="LeakWorld"/>'s own oracle.
/// CI uses a fixed seed; <c>LODESTAR_LEAK_SEED</c> picks another and <c>LODESTAR_LEAK_SCALE=N</c> runs N times longer.
/// </summary>
[Collection("Console")]
public sealed class RandomizedLeakTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20261122;
    private const int K = 10;

    [Fact]
    public async Task CliAndHttp_RandomAclsUsersAndQueries_ReturnNothingAUserMayNotRead()
    {
        var seed = Setting("LODESTAR_LEAK_SEED", DefaultSeed);
        var scale = Setting("LODESTAR_LEAK_SCALE", 1);
        var world = LeakWorld.Create(seed, users: 200, groups: 60, documents: 1500 * scale);
        var checker = new LeakChecker(world);
        var outsiders = new[] { new LeakWorld.User("x0000", ["g000", "g001", "g002"], "member"), new LeakWorld.User("x0001", [], "curator") };
        var clock = Stopwatch.StartNew();
        var previousEmbeddings = Environment.GetEnvironmentVariable("LODESTAR_EMBEDDINGS");
        Environment.SetEnvironmentVariable("LODESTAR_EMBEDDINGS", "none");
        try
        {
            using var cli = new CliHarness();
            using var corpus = new TemporaryDirectory();
            world.WriteTo(corpus.Path);
            await RegisterUsersAsync(cli.DataDirectory, world, outsiders);
            Expect(await cli.RunAsync("ingest", corpus.Path));
            var origin = Path.GetFullPath(corpus.Path).TrimEnd(Path.DirectorySeparatorChar);
            foreach (var (document, acl) in world.ChooseOverrides(40 * scale))
            {
                var id = new KnowledgeBaseId(LeakWorld.Tenant, KnowledgeBaseId.DefaultName).DocumentIdFor(origin, document.Path);
                Expect(await cli.RunAsync("acl", "set", id, "--allow", acl.AllowOption, "--deny", acl.DenyOption));
            }

            // Re-ingesting must keep the overrides (they outrank sidecars).
            Expect(await cli.RunAsync("ingest", corpus.Path));
            output.WriteLine($"seed {seed}, {world.Documents.Count} documents, setup {clock.Elapsed.TotalSeconds:F1} s");

            var sessions = new HashSet<string>(StringComparer.Ordinal);
            await QueryThroughCliAsync(cli, world, outsiders, checker, sessions, searches: 100 * scale, asks: 40 * scale);
            output.WriteLine($"CLI done at {clock.Elapsed.TotalSeconds:F1} s");
            await QueryThroughHttpAsync(cli.DataDirectory, world, outsiders, checker, sessions, searches: 1500 * scale, asks: 250 * scale);
            output.WriteLine($"HTTP done at {clock.Elapsed.TotalSeconds:F1} s: {checker.Checked} responses, {checker.Returned} passages/citations checked");
        }
        finally
        {
            Environment.SetEnvironmentVariable("LODESTAR_EMBEDDINGS", previousEmbeddings);
        }

        Assert.True(checker.Returned > 1000, $"too few passages returned ({checker.Returned}) for the test to mean anything");
        Assert.True(checker.Leaks.Count == 0, $"{checker.Leaks.Count} leaks, first: {string.Join("; ", checker.Leaks.Take(5))}");
        Assert.True(checker.Shortfalls.Count == 0, $"{checker.Shortfalls.Count} searches without a full top-k, first: {string.Join("; ", checker.Shortfalls.Take(5))}");
    }

    private static async Task RegisterUsersAsync(string dataDirectory, LeakWorld world, IEnumerable<LeakWorld.User> outsiders)
    {
        await using var services = new ServiceCollection().AddLodestar(new LodestarHostOptions { DataDirectory = dataDirectory, Embeddings = EmbeddingSource.None }).BuildServiceProvider();
        var users = services.GetRequiredService<UserDirectory>();
        foreach (var user in world.Users)
        {
            await users.AddAsync(Principal.LocalAdministrator, new NewUser(user.Id, LeakWorld.Tenant, user.Groups, [user.Role]));
        }

        foreach (var outsider in outsiders)
        {
            await users.AddAsync(Principal.LocalAdministrator, new NewUser(outsider.Id, "outside", outsider.Groups, [outsider.Role]));
        }
    }

    private static async Task QueryThroughCliAsync(CliHarness cli, LeakWorld world, LeakWorld.User[] outsiders, LeakChecker checker, HashSet<string> sessions, int searches, int asks)
    {
        for (var i = 0; i < searches + asks; i++)
        {
            var (user, outsider) = PickUser(world, outsiders);
            var word = world.Vocabulary[world.Random.Next(world.Vocabulary.Count)];
            var session = i < searches ? null : PickSession(world, user, sessions);
            var result = session is null
                ? await cli.RunAsync("--json", "search", word, "--user", user.Id, "--k", K.ToString(CultureInfo.InvariantCulture))
                : await cli.RunAsync("--json", "ask", $"what about {word}?", "--user", user.Id, "--session", session);
            if (user.Role == "auditor")
            {
                Assert.True(result.ExitCode != 0 && result.Error.Contains("may not", StringComparison.Ordinal), $"auditor {user.Id} was allowed to query: {result.Out}");
                continue;
            }

            // Sessions are per tenant: an outsider naming an insider's session simply starts its own.
            if (session is not null && session != SessionOf(user) && !outsider)
            {
                Assert.True(result.ExitCode != 0 && result.Error.Contains("no session", StringComparison.Ordinal), $"{user.Id} continued {session}: {result.Out}");
                checker.CheckRefusal("cli", user, result.Out + result.Error);
                continue;
            }

            Expect(result);
            var json = JsonDocument.Parse(result.Out).RootElement;
            if (session is null)
            {
                checker.CheckSearch("cli", user, outsider, word, K, json);
            }
            else
            {
                if (!outsider)
                {
                    sessions.Add(session);
                }

                checker.CheckAnswer("cli", user, outsider, json);
            }
        }
    }

    /// <summary>Mostly the user's own session; sometimes another user's existing one, which must be refused.</summary>
    private static string PickSession(LeakWorld world, LeakWorld.User user, HashSet<string> sessions) =>
        sessions.Count > 0 && world.Random.Next(4) == 0 ? sessions.ElementAt(world.Random.Next(sessions.Count)) : SessionOf(user);

    private static string SessionOf(LeakWorld.User user) => "s-" + user.Id;

    private static async Task QueryThroughHttpAsync(string dataDirectory, LeakWorld world, LeakWorld.User[] outsiders, LeakChecker checker, HashSet<string> sessions, int searches, int asks)
    {
        await using var app = LodestarServer.Build(new LodestarServerOptions
        {
            Host = new LodestarHostOptions { DataDirectory = dataDirectory, Embeddings = EmbeddingSource.None },
            Urls = "http://127.0.0.1:0",
            Jwt = null,
            RateLimits = new RateLimitSettings { RequestsPerCredential = 1_000_000, RequestsPerTenant = 1_000_000 },
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in world.Users.Concat(outsiders))
        {
            secrets[user.Id] = (await keys.CreateAsync(Principal.LocalAdministrator, user.Id, null, TimeSpan.FromHours(1))).Secret;
        }

        // The plan is drawn up front so the seeded random is used from one thread only.
        var plan = Enumerable.Range(0, searches + asks).Select(i =>
        {
            var (user, outsider) = PickUser(world, outsiders);
            // Sessions from the CLI phase exist; a session of another user must be refused, one's own continued.
            return (Search: i < searches, User: user, Outsider: outsider, Word: world.Vocabulary[world.Random.Next(world.Vocabulary.Count)], Session: i < searches ? null : PickSession(world, user, sessions));
        }).ToList();
        using var http = new HttpClient { BaseAddress = address };
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (query, cancellationToken) =>
        {
            using var request = query.Search
                ? new HttpRequestMessage(HttpMethod.Get, $"/v1/knowledge-bases/default/search?q={query.Word}&k={K}")
                : new HttpRequestMessage(HttpMethod.Post, "/v1/knowledge-bases/default/ask") { Content = JsonContent.Create(new { question = $"what about {query.Word}?", sessionId = query.Session }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secrets[query.User.Id]);
            using var response = await http.SendAsync(request, cancellationToken);
            if (query.User.Role == "auditor")
            {
                Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
                return;
            }

            if (query.Session is not null && query.Session != SessionOf(query.User) && !query.Outsider)
            {
                Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
                checker.CheckRefusal("http", query.User, await response.Content.ReadAsStringAsync(cancellationToken));
                return;
            }

            Assert.True(response.IsSuccessStatusCode, $"{request.RequestUri} answered {(int)response.StatusCode}");
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (query.Search)
            {
                checker.CheckSearch("http", query.User, query.Outsider, query.Word, K, json);
            }
            else
            {
                checker.CheckAnswer("http", query.User, query.Outsider, json);
            }
        });
        await app.StopAsync();
    }

    private static (LeakWorld.User User, bool Outsider) PickUser(LeakWorld world, LeakWorld.User[] outsiders) =>
        world.Random.Next(50) == 0 ? (outsiders[world.Random.Next(outsiders.Length)], true) : (world.Users[world.Random.Next(world.Users.Count)], false);

    private static void Expect((int ExitCode, string Out, string Error) result) =>
        Assert.True(result.ExitCode == 0, $"the CLI failed ({result.ExitCode}): {result.Error}");

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
