namespace Attune.Pbt;

/// <summary>When a member of the population may exploit and explore.</summary>
public enum PbtMode
{
    /// <summary>
    /// Generation by generation: a member starts its next segment only when every member has finished the
    /// current one, and ranks against the scores of that generation. Decisions depend only on the seed and
    /// the scores, so a seeded run is reproducible at any parallelism.
    /// </summary>
    Synchronous,

    /// <summary>
    /// A member that finishes a segment exploits and explores at once against the latest score of every
    /// member, without waiting for slower members (as Ray Tune's PBT). Uses the workers fully when
    /// members train at different speeds.
    /// </summary>
    Asynchronous,
}
