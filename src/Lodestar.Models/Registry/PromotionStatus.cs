using System.Text.Json.Serialization;

namespace Lodestar.Models.Registry;

/// <summary>Where a promotion request stands; only Pending requests can be decided.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromotionStatus>))]
public enum PromotionStatus
{
    Pending,
    Approved,
    Rejected,
}
