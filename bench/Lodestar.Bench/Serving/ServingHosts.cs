using System.Globalization;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Models.Serving;
using Lodestar.Models.Training;
using Lodestar.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lodestar.Bench.Serving;

/// <summary>The servers wrk compares in bench/serving/run.sh: a bare ASP.NET Core ceiling and Lodestar with a GBDT endpoint.</summary>
internal static class ServingHosts
{
    public static async Task<int> RunAsync(string[] args)
    {
        // The two servers wrk compares (bench/serving/run.sh):
        //   ceiling URL                  a bare ASP.NET Core endpoint answering every POST with a constant prediction
        //   lodestar DATA URL KEYFILE    Lodestar with a GBDT deployed at /v1/endpoints/bench (trained here on synthetic data),
        //                                plus /bench/constant: the constant behind Lodestar's authenticated pipeline, and
        //                                /bench/constant-anonymous: the constant behind the pipeline without authentication
        if (args.Length >= 2 && args[0] == "ceiling")
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls(args[1]);
            builder.Logging.ClearProviders();
            var ceiling = builder.Build();
            ceiling.MapPost("/predict", () => Results.Json(new { predictions = new[] { 0.5 } }));
            ceiling.MapGet("/allocated", Allocated);
            await ceiling.RunAsync();
            return 0;
        }

        if (args.Length >= 4 && args[0] == "lodestar")
        {
            var app = LodestarServer.Build(new LodestarServerOptions { Host = new Lodestar.Server.Composition.LodestarHostOptions { DataDirectory = args[1], Embeddings = Lodestar.Server.Composition.EmbeddingSource.None }, Urls = args[2] });
            var csv = Path.Combine(args[1], "bench-train.csv");
            await File.WriteAllTextAsync(csv, ServingTrainingData.Csv(20_000, seed: 7));
            var trained = await app.Services.GetRequiredService<ModelTrainer>().TrainAsync(new TrainRequest(csv, "label", "bench"));
            await app.Services.GetRequiredService<ModelServing>().DeployAsync(Principal.LocalAdministrator, "bench", new DeployRequest(
                $"bench:{trained.Version}",
                MaxWaitMs: Setting("LODESTAR_BENCH_MAX_WAIT_MS"),
                LogSampleRate: Setting("LODESTAR_BENCH_LOG_SAMPLE_PERCENT") / 100.0));
            await app.Services.GetRequiredService<UserDirectory>().AddAsync(Principal.LocalAdministrator, new NewUser("bench", Roles: [Role.Member]));
            var key = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(Principal.LocalAdministrator, "bench", null, TimeSpan.FromHours(2));
            await File.WriteAllTextAsync(args[3], key.Secret);
            Console.Error.WriteLine($"deployed bench:{trained.Version} (auc {trained.Metrics.GetValueOrDefault("auc"):F3})");
            // Lodestar's own ceiling: the same constant behind the same pipeline (API-key authentication, authorization, problem details).
            app.MapPost("/bench/constant", () => Results.Json(new { predictions = new[] { 0.5 } })).RequireAuthorization();
            // The same constant without authentication: what the pipeline shell costs (routing, request telemetry, problem details).
            app.MapPost("/bench/constant-anonymous", () => Results.Json(new { predictions = new[] { 0.5 } })).AllowAnonymous();
            app.MapGet("/bench/allocated", Allocated).AllowAnonymous();
            await app.RunAsync();
            return 0;
        }

        Console.Error.WriteLine("usage: Lodestar.Bench serving ceiling URL | serving lodestar DATA_DIR URL KEY_FILE");
        return 2;

        // Bytes allocated by the process so far: run.sh divides the change over a round by the round's requests.
        static string Allocated() => GC.GetTotalAllocatedBytes(precise: true).ToString(CultureInfo.InvariantCulture);

        // Deployment settings under test come from the environment (run.sh passes them through); null keeps the default.
        static int? Setting(string name) => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : null;
    }
}
