using System.Text.Json.Serialization;

namespace Lodestar.Models.Tracking;

/// <summary>Where a run is in its life; serialised by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    Running,
    Finished,
    Failed,
}
