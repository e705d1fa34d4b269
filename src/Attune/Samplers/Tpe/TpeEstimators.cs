namespace Attune.Samplers.Tpe;

/// <summary>The good and bad densities TPE builds for one proposal, with the pooled value orders the bad one reads.</summary>
internal sealed class TpeEstimators : IDisposable
{
    public ParzenEstimator Good { get; set; } = null!;

    public ParzenEstimator Bad { get; set; } = null!;

    public int[]?[]? Orders { get; set; }

    public void Dispose()
    {
        Good?.Dispose();
        Bad?.Dispose();
        if (Orders is not null)
        {
            foreach (var order in Orders)
            {
                Pooled.Return(order);
            }

            Orders = null;
        }
    }
}
