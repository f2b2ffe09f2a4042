namespace CloudSharkHardening.Agent.Systemd;

public enum UnitActionResult
{
    /// <summary>systemd carried it out and the job finished successfully.</summary>
    Done,

    /// <summary>An offline image: the unit starts with the new files when the image boots.</summary>
    AtNextBoot,

    /// <summary>Could not be carried out now; the intent stays on disk for the next run.</summary>
    Pending,

    /// <summary>systemd ran it and it failed.</summary>
    Failed,
}

/// <summary>What became of one unit action, with a sentence for the report.</summary>
public sealed record UnitActionOutcome(UnitActionResult Result, string Message)
{
    /// <summary>True when the intent can be cleared: nothing more is owed for it.</summary>
    public bool IsSettled => Result is UnitActionResult.Done or UnitActionResult.AtNextBoot;
}
