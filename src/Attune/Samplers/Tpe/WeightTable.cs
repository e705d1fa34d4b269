namespace Attune.Samplers.Tpe;

/// <summary>
/// The mixture weights of an estimator whose observations carry the default weights, normalised with
/// the prior's weight, and their logarithms; kept for the last observation count, which every
/// single-parameter estimator of a trial shares.
/// </summary>
internal sealed class WeightTable
{
    private int count = -1;
    private double prior = double.NaN;
    private double[] weights = [];
    private double[] logs = [];

    /// <summary>Normalised weights and their logarithms for <paramref name="n"/> default-weighted observations and the prior (last).</summary>
    public (double[] Weights, double[] Logs) Get(int n, double priorWeight, Action<Span<double>> fill)
    {
        if (n != count || priorWeight != prior)
        {
            weights = new double[n + 1];
            logs = new double[n + 1];
            fill(weights.AsSpan(0, n));
            weights[n] = n == 0 ? 1 : priorWeight;
            var total = 0.0;
            foreach (var w in weights)
            {
                total += w;
            }

            for (var i = 0; i <= n; i++)
            {
                weights[i] /= total;
                logs[i] = Math.Log(weights[i]);
            }

            count = n;
            prior = priorWeight;
        }

        return (weights, logs);
    }
}
