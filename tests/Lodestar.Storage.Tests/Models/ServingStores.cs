using Lodestar.Models.Scoring;
using Lodestar.Models.Serving;

namespace Lodestar.Storage.Tests.Models;

/// <summary>The three serving ports of one backend (one store object implements them all today).</summary>
public sealed record ServingStores(IEndpointStore Endpoints, IPredictionLogStore Log, IScoringJobStore Jobs);
