using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Draws every parameter independently and uniformly (uniformly in log space for log distributions).
/// The value of a parameter depends only on the seed, the trial number and the parameter name, so a
/// seeded study gives the same trials with one worker or many.
/// </summary>
public sealed class RandomSampler : Sampler
{
    private readonly ulong seed;

    /// <summary>Creates a sampler with a seed from the operating system's entropy.</summary>
    public RandomSampler()
        : this(new RandomSamplerOptions())
    {
    }

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">The options.</param>
    public RandomSampler(RandomSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        seed = options.Seed is { } s ? (ulong)(uint)s : SeededRandom.EntropySeed();
    }

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(name);
        var rng = SeededRandom.For(SeededRandom.Derive(seed, (ulong)trial.Number), StableHash.Of(name));
        return Draw(rng, distribution);
    }

    /// <summary>Draws one internal value uniformly from <paramref name="distribution"/>.</summary>
    /// <param name="rng">The random stream.</param>
    /// <param name="distribution">The distribution.</param>
    /// <returns>An internal value inside the distribution.</returns>
    public static double Draw(SeededRandom rng, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(rng);
        switch (distribution)
        {
            case FloatDistribution f when f.Step is { } step:
                {
                    var count = (long)Math.Round((f.High - f.Low) / step) + 1;
                    return Math.Min(f.High, f.Low + (rng.NextInt64(count) * step));
                }

            case FloatDistribution f when f.Log:
                {
                    var value = Math.Exp(rng.NextDouble(Math.Log(f.Low), Math.Log(f.High)));
                    return Math.Clamp(value, f.Low, f.High);
                }

            case FloatDistribution f:
                return rng.NextDouble(f.Low, f.High);

            case IntDistribution i when i.Log:
                {
                    // Uniform in log space over [low - 0.5, high + 0.5), so every integer gets the mass of its cell.
                    var value = Math.Round(Math.Exp(rng.NextDouble(Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5))));
                    return Math.Clamp(value, i.Low, i.High);
                }

            case IntDistribution i:
                return i.Low + (rng.NextInt64(i.Count) * (double)i.Step);

            case CategoricalDistribution c:
                return rng.NextInt32(c.Choices.Count);

            default:
                throw new ArgumentException($"Unsupported distribution {distribution}.", nameof(distribution));
        }
    }
}
