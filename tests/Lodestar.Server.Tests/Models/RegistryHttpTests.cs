using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Governance.Audit;
using Lodestar.Server.Tests.Http;
using Lodestar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Models;

public sealed class RegistryHttpTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _files = new();
    private LoopbackServer _server = null!;
    private HttpClient _carol = null!;
    private HttpClient _ada = null!;
    private string _train = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        _carol = await _server.ClientForAsync("carol", [Role.Curator]);
        _ada = await _server.ClientForAsync("ada", [Role.Admin]);
        _train = LifecycleData.Write(_files.Path, "train.csv", 600, seed: 1);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task Train_RegistersVersionWithLineage()
    {
        var trained = await TrainAsync(_carol, "loans", _train);
        var version = await _carol.GetFromJsonAsync<JsonElement>($"/v1/models/loans/versions/{trained}");

        Assert.Equal(1, trained);
        Assert.Equal("carol", version.GetProperty("author").GetString());
        Assert.Equal(64, version.GetProperty("datasetSha256").GetString()!.Length);
        Assert.False(string.IsNullOrEmpty(version.GetProperty("runId").GetString()));
        Assert.Equal("y", version.GetProperty("signature").GetProperty("target").GetString());
        Assert.True(version.GetProperty("metrics").GetProperty("auc").GetDouble() > 0.8);
    }

    [Fact]
    public async Task Champion_ApprovedByAnotherAdmin_MovesAliasAndIsAudited()
    {
        var version = await TrainAsync(_carol, "loans", _train);

        var request = await RequestAsync(_carol, "loans", "champion", version);
        var approved = await _ada.PostAsJsonAsync($"/v1/models/loans/promotions/{request}/approve", new { comment = "looks good" });
        var champion = await _carol.GetFromJsonAsync<JsonElement>("/v1/models/loans/aliases/champion");
        var audit = await AuditAsync();

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request").GetProperty("status").GetString());
        Assert.Equal(version, champion.GetProperty("version").GetInt32());
        Assert.Contains("model.promotion.request", audit, StringComparison.Ordinal);
        Assert.Contains("model.promotion.approve", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_ByTheAuthor_Is403AndAliasStaysUnset()
    {
        var version = await TrainAsync(_ada, "loans", _train);
        var request = await RequestAsync(_carol, "loans", "champion", version);

        var approved = await _ada.PostAsync($"/v1/models/loans/promotions/{request}/approve", null);
        var alias = await _carol.GetAsync("/v1/models/loans/aliases/champion");

        Assert.Equal(HttpStatusCode.Forbidden, approved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, alias.StatusCode);
    }

    [Fact]
    public async Task Approve_ByCurator_Is403()
    {
        var version = await TrainAsync(_carol, "loans", _train);
        var request = await RequestAsync(_carol, "loans", "champion", version);
        var other = await _server.ClientForAsync("cole", [Role.Curator]);

        var approved = await other.PostAsync($"/v1/models/loans/promotions/{request}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, approved.StatusCode);
    }

    [Fact]
    public async Task Approve_WorseMetricThanChampion_Is409()
    {
        var good = await TrainAsync(_carol, "loans", _train);
        await ApproveAsync(await RequestAsync(_carol, "loans", "champion", good));
        var worse = await TrainAsync(_carol, "loans", LifecycleData.Write(_files.Path, "noise.csv", 600, seed: 2, randomLabels: true));

        var approved = await _ada.PostAsync($"/v1/models/loans/promotions/{await RequestAsync(_carol, "loans", "champion", worse)}/approve", null);
        var problem = await approved.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, approved.StatusCode);
        Assert.Contains("auc", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_AfterAliasMovedConcurrently_Is409AndRequestIsClosed()
    {
        var first = await TrainAsync(_carol, "loans", _train);
        var second = await TrainAsync(_carol, "loans", _train);
        var a = await RequestAsync(_carol, "loans", "champion", first);
        var b = await RequestAsync(_carol, "loans", "champion", second);

        await ApproveAsync(a);
        var stale = await _ada.PostAsync($"/v1/models/loans/promotions/{b}/approve", null);
        var closed = await _carol.GetFromJsonAsync<JsonElement>($"/v1/models/loans/promotions/{b}");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("rejected", closed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approve_TwoRequestsRacing_ExactlyOneMovesTheAlias()
    {
        var first = await TrainAsync(_carol, "loans", _train);
        var second = await TrainAsync(_carol, "loans", _train);
        var a = await RequestAsync(_carol, "loans", "champion", first);
        var b = await RequestAsync(_carol, "loans", "champion", second);
        var other = await _server.ClientForAsync("otto", [Role.Admin]);

        var responses = await Task.WhenAll(_ada.PostAsync($"/v1/models/loans/promotions/{a}/approve", null), other.PostAsync($"/v1/models/loans/promotions/{b}/approve", null));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
    }

    [Fact]
    public async Task PutAlias_ProtectedChampionIs403_FreeAliasMoves_StaleRowVersionIs409()
    {
        var version = await TrainAsync(_carol, "loans", _train);

        var champion = await _carol.PutAsJsonAsync("/v1/models/loans/aliases/champion", new { version });
        var staging = await _carol.PutAsJsonAsync("/v1/models/loans/aliases/staging", new { version, expectedRowVersion = 0 });
        var stale = await _carol.PutAsJsonAsync("/v1/models/loans/aliases/staging", new { version, expectedRowVersion = 0 });

        Assert.Equal(HttpStatusCode.Forbidden, champion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staging.StatusCode);
        Assert.Equal(1, (await staging.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rowVersion").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task Policy_SetByAdmin_RelaxesChampion()
    {
        var version = await TrainAsync(_carol, "loans", _train);

        var byCurator = await _carol.PutAsJsonAsync("/v1/models/loans/policies/champion", new { requireApproval = false });
        var byAdmin = await _ada.PutAsJsonAsync("/v1/models/loans/policies/champion", new { requireApproval = false, metric = "auc", higherIsBetter = true });
        var moved = await _carol.PutAsJsonAsync("/v1/models/loans/aliases/champion", new { version });

        Assert.Equal(HttpStatusCode.Forbidden, byCurator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    [Fact]
    public async Task OtherTenant_CannotSeeOrReuseTheModel()
    {
        await TrainAsync(_carol, "loans", _train);
        var eve = await _server.ClientForAsync("eve", [Role.Admin], tenantId: "acme");

        var get = await eve.GetAsync("/v1/models/loans");
        var list = await eve.GetFromJsonAsync<JsonElement>("/v1/models");
        var train = await eve.PostAsJsonAsync("/v1/models/loans/train", new { dataPath = _train, target = "y", algorithm = "logistic" });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, list.GetProperty("models").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, train.StatusCode);
    }

    [Fact]
    public async Task Tags_SetAndRemove_OnImmutableVersion()
    {
        var version = await TrainAsync(_carol, "loans", _train);

        var set = await _carol.PutAsJsonAsync($"/v1/models/loans/versions/{version}/tags/reviewed", new { value = "yes" });
        var tagged = await _carol.GetFromJsonAsync<JsonElement>($"/v1/models/loans/versions/{version}");
        await _carol.DeleteAsync($"/v1/models/loans/versions/{version}/tags/reviewed");
        var untagged = await _carol.GetFromJsonAsync<JsonElement>($"/v1/models/loans/versions/{version}");

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("yes", tagged.GetProperty("tags").GetProperty("reviewed").GetString());
        Assert.False(untagged.GetProperty("tags").TryGetProperty("reviewed", out _));
    }

    [Fact]
    public async Task Train_FailingExpectation_Is400AndRegistersNothing()
    {
        var response = await _carol.PostAsJsonAsync("/v1/models/loans/train", new
        {
            dataPath = _train,
            target = "y",
            algorithm = "logistic",
            expectations = new { name = "loans", expectations = new object[] { new { type = "between", column = "x2", min = 0, max = 0.5 } } },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var list = await _carol.GetFromJsonAsync<JsonElement>("/v1/models");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("between(x2)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, list.GetProperty("models").GetArrayLength());
    }

    [Fact]
    public async Task BadInput_GetsClear4xx()
    {
        var missingTarget = await _carol.PostAsJsonAsync("/v1/models/loans/train", new { dataPath = _train });
        var missingFile = await _carol.PostAsJsonAsync("/v1/models/loans/train", new { dataPath = Path.Combine(_files.Path, "nope.csv"), target = "y" });
        var unknown = await _carol.GetAsync("/v1/models/nope/versions/1");
        var badVersion = await _carol.GetAsync("/v1/models/loans/versions/abc");
        var member = await _server.ClientForAsync("mike", [Role.Member]);
        var memberTrains = await member.PostAsJsonAsync("/v1/models/loans/train", new { dataPath = _train, target = "y" });

        Assert.Equal(HttpStatusCode.BadRequest, missingTarget.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingFile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, memberTrains.StatusCode);
    }

    private static async Task<int> TrainAsync(HttpClient client, string model, string data)
    {
        var response = await client.PostAsJsonAsync($"/v1/models/{model}/train", new { dataPath = data, target = "y", algorithm = "logistic" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    private static async Task<string> RequestAsync(HttpClient client, string model, string alias, int version)
    {
        var response = await client.PostAsJsonAsync($"/v1/models/{model}/promotions", new { alias, version, comment = "better" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task ApproveAsync(string request) =>
        Assert.Equal(HttpStatusCode.OK, (await _ada.PostAsync($"/v1/models/loans/promotions/{request}/approve", null)).StatusCode);

    private async Task<string> AuditAsync()
    {
        using var writer = new StringWriter();
        await _server.Services.GetRequiredService<AuditTrail>().ExportAsync(Principal.LocalAdministrator, writer, null);
        return writer.ToString();
    }
}
