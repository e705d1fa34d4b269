using System.Globalization;

namespace Attune.Samplers;

/// <summary>
/// Fixes some parameters to given values and leaves every other decision to a base sampler: relative
/// sampling (over the base sampler's search space without the fixed names), independent sampling of
/// the other parameters, and the <see cref="Sampler.BeforeTrial"/> and <see cref="Sampler.AfterTrial"/>
/// hooks. Typical use: after a first search, fix the parameters that matter least and search the rest.
/// </summary>
/// <remarks>
/// A fixed value must lie in the distribution the objective suggests: where Optuna only warns and uses
/// an out-of-range value, Attune throws an <see cref="ArgumentException"/> that names the parameter, the
/// value and the distribution, because every value a sampler returns must lie in its distribution.
/// A parameter whose distribution has a single value takes that value without asking any sampler.
/// </remarks>
public sealed class PartialFixedSampler : Sampler
{
    private readonly Dictionary<string, object?> fixedParams;

    /// <summary>Creates the sampler.</summary>
    /// <param name="fixedParams">The fixed values by parameter name, as the objective receives them (a number, or a categorical choice).</param>
    /// <param name="baseSampler">The sampler for everything else.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public PartialFixedSampler(IReadOnlyDictionary<string, object?> fixedParams, Sampler baseSampler)
    {
        ArgumentNullException.ThrowIfNull(fixedParams);
        ArgumentNullException.ThrowIfNull(baseSampler);
        this.fixedParams = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in fixedParams)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A fixed parameter name must not be null or empty.", nameof(fixedParams));
            }

            this.fixedParams[name] = value;
        }

        BaseSampler = baseSampler;
    }

    /// <summary>The fixed values by parameter name.</summary>
    public IReadOnlyDictionary<string, object?> FixedParams => fixedParams;

    /// <summary>The sampler that decides everything that is not fixed.</summary>
    public Sampler BaseSampler { get; }

    /// <summary>The base sampler's relative search space without the fixed parameters.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The trial about to run.</param>
    /// <returns>Parameter names and their distributions.</returns>
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        var space = BaseSampler.InferRelativeSearchSpace(study, trial);
        if (!space.Keys.Any(fixedParams.ContainsKey))
        {
            return space;
        }

        var result = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var (name, distribution) in space)
        {
            if (!fixedParams.ContainsKey(name))
            {
                result[name] = distribution;
            }
        }

        return result;
    }

    /// <summary>The base sampler's joint sample (a fixed parameter it returns anyway is dropped).</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The trial about to run.</param>
    /// <param name="searchSpace">The space from <see cref="InferRelativeSearchSpace"/>.</param>
    /// <returns>Internal values by parameter name.</returns>
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        var sample = BaseSampler.SampleRelative(study, trial, searchSpace);
        if (!sample.Keys.Any(fixedParams.ContainsKey))
        {
            return sample;
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in sample)
        {
            if (!fixedParams.ContainsKey(name))
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary>The fixed value of <paramref name="name"/> when it is fixed; otherwise the base sampler's.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The running trial.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="distribution">Its distribution.</param>
    /// <returns>The internal value.</returns>
    /// <exception cref="ArgumentException">The fixed value cannot be represented by <paramref name="distribution"/> or lies outside it.</exception>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!fixedParams.TryGetValue(name, out var value))
        {
            return BaseSampler.SampleIndependent(study, trial, name, distribution);
        }

        double internalValue;
        try
        {
            internalValue = distribution.ToInternal(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"The fixed value {FloatDistribution.Describe(value)} of parameter '{name}' cannot be used with {distribution}: {e.Message}",
                nameof(distribution),
                e);
        }

        if (!distribution.Contains(internalValue))
        {
            throw new ArgumentException(
                $"The fixed value {Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null"} of parameter '{name}' is outside {distribution}; " +
                "fix a value inside the suggested range.",
                nameof(distribution));
        }

        return internalValue;
    }

    /// <summary>Lets the base sampler prepare the trial.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The new trial.</param>
    public override void BeforeTrial(Study study, Trial trial) => BaseSampler.BeforeTrial(study, trial);

    /// <summary>Lets the base sampler see the finished trial.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The finishing trial.</param>
    /// <param name="state">Its final state.</param>
    /// <param name="values">Its values when complete.</param>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) =>
        BaseSampler.AfterTrial(study, trial, state, values);
}
