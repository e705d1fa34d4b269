namespace Attune.Samplers;

/// <summary>
/// The sum of acquisition functions in log space: a log acquisition plus the log probabilities of
/// feasibility of independent constraints (constrained LogEI, Gardner et al. 2014; Gelbart et al.
/// 2014). Without an objective term (no feasible trial yet) it maximizes the probability of
/// feasibility alone.
/// </summary>
internal sealed class SumAcquisition : IAcquisitionFunction
{
    private readonly IAcquisitionFunction[] terms;
    private readonly double[] termGradient;
    private double[] batch = [];

    /// <summary>Creates the sum.</summary>
    /// <param name="terms">The terms, at least one.</param>
    /// <param name="dimension">The number of coordinates.</param>
    public SumAcquisition(IReadOnlyList<IAcquisitionFunction> terms, int dimension)
    {
        this.terms = [.. terms];
        termGradient = new double[dimension];
    }

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> point)
    {
        var sum = 0.0;
        foreach (var term in terms)
        {
            sum += term.Evaluate(point);
        }

        return sum;
    }

    /// <inheritdoc/>
    public double EvaluateWithGradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        gradient[..termGradient.Length].Clear();
        var sum = 0.0;
        foreach (var term in terms)
        {
            sum += term.EvaluateWithGradient(point, termGradient);
            for (var j = 0; j < termGradient.Length; j++)
            {
                gradient[j] += termGradient[j];
            }
        }

        return sum;
    }

    /// <inheritdoc/>
    public void EvaluateBatch(ReadOnlySpan<double> points, int count, Span<double> values)
    {
        if (batch.Length < count)
        {
            batch = new double[count];
        }

        values[..count].Clear();
        foreach (var term in terms)
        {
            term.EvaluateBatch(points, count, batch);
            for (var i = 0; i < count; i++)
            {
                values[i] += batch[i];
            }
        }
    }
}
