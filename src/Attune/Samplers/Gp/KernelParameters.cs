namespace Attune.Samplers;

/// <summary>
/// The hyperparameters of a Gaussian process with a Matérn-5/2 ARD kernel:
/// k(x, x') = <see cref="Scale"/>·Matérn(Σⱼ ηⱼ·dⱼ(x, x')²) with ηⱼ = 1/ℓⱼ² the inverse squared
/// lengthscales (dⱼ the coordinate difference, or 0/1 for a categorical), plus
/// <see cref="NoiseVariance"/> on the diagonal of the training covariance.
/// </summary>
/// <param name="InverseSquaredLengthscales">ηⱼ, one per coordinate.</param>
/// <param name="Scale">The signal variance.</param>
/// <param name="NoiseVariance">The observation noise variance (including the minimum noise).</param>
internal sealed record KernelParameters(double[] InverseSquaredLengthscales, double Scale, double NoiseVariance)
{
    /// <summary>The starting point of a fit without a warm start: η = 1, scale 1, noise 1 (as Optuna).</summary>
    /// <param name="dimension">The number of coordinates.</param>
    /// <returns>The parameters.</returns>
    public static KernelParameters Default(int dimension)
    {
        var eta = new double[dimension];
        Array.Fill(eta, 1.0);
        return new KernelParameters(eta, 1, 1);
    }

    /// <summary>The lengthscales ℓⱼ = 1/√ηⱼ.</summary>
    /// <returns>One per coordinate.</returns>
    public double[] Lengthscales() => InverseSquaredLengthscales.Select(e => 1 / Math.Sqrt(e)).ToArray();
}
