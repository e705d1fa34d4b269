namespace Attune;

/// <summary>Whether an objective is minimized or maximized.</summary>
public enum StudyDirection
{
    /// <summary>Smaller values are better.</summary>
    Minimize = 0,

    /// <summary>Larger values are better.</summary>
    Maximize = 1,
}
