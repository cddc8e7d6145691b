namespace Lodestar.Models.Tracking;

public enum RunStatus
{
    Running,
    Finished,
    Failed,
}
