using Attune.Randomness;

namespace PbtDigits;

/// <summary>The hyperparameters of one stretch of SGD.</summary>
/// <param name="LearningRate">The step size.</param>
/// <param name="Momentum">The momentum coefficient in [0, 1).</param>
/// <param name="WeightDecay">The L2 penalty coefficient added to the gradient.</param>
public sealed record SgdSettings(double LearningRate, double Momentum, double WeightDecay);

/// <summary>
/// A multilayer perceptron with one hidden ReLU layer and a softmax output, trained by mini-batch SGD with
/// momentum and weight decay on the cross-entropy loss. Its state (weights, velocities, step count) is what a
/// checkpoint holds; mini-batches are drawn from a stream derived from the data seed and the step, so training
/// continued from a checkpoint is the same as training without the break.
/// </summary>
public sealed class Mlp
{
    private readonly int hidden;
    private readonly double[] w1;
    private readonly double[] b1;
    private readonly double[] w2;
    private readonly double[] b2;
    private readonly double[] v1;
    private readonly double[] vb1;
    private readonly double[] v2;
    private readonly double[] vb2;

    /// <summary>Creates a network with He-initialized weights.</summary>
    /// <param name="hidden">The number of hidden units.</param>
    /// <param name="seed">The seed of the initial weights.</param>
    public Mlp(int hidden, ulong seed)
    {
        this.hidden = hidden;
        w1 = new double[hidden * Digits.FeatureCount];
        b1 = new double[hidden];
        w2 = new double[Digits.ClassCount * hidden];
        b2 = new double[Digits.ClassCount];
        v1 = new double[w1.Length];
        vb1 = new double[b1.Length];
        v2 = new double[w2.Length];
        vb2 = new double[b2.Length];
        var random = new SeededRandom(seed);
        for (var i = 0; i < w1.Length; i++)
        {
            w1[i] = random.NextGaussian() * Math.Sqrt(2.0 / Digits.FeatureCount);
        }

        for (var i = 0; i < w2.Length; i++)
        {
            w2[i] = random.NextGaussian() * Math.Sqrt(2.0 / hidden);
        }
    }

    /// <summary>The number of SGD steps taken so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Takes SGD steps on random mini-batches.</summary>
    /// <param name="data">The training rows.</param>
    /// <param name="steps">How many steps.</param>
    /// <param name="batchSize">The rows per step.</param>
    /// <param name="settings">The hyperparameters.</param>
    /// <param name="dataSeed">The seed of the mini-batch stream.</param>
    /// <returns>The mean cross-entropy loss of the mini-batches, each measured before its step (infinite once the network diverged).</returns>
    public double Train(DigitRows data, int steps, int batchSize, SgdSettings settings, ulong dataSeed)
    {
        var loss = 0.0;
        var g1 = new double[w1.Length];
        var gb1 = new double[b1.Length];
        var g2 = new double[w2.Length];
        var gb2 = new double[b2.Length];
        var h = new double[hidden];
        var dh = new double[hidden];
        var p = new double[Digits.ClassCount];
        for (var s = 0; s < steps; s++)
        {
            Array.Clear(g1);
            Array.Clear(gb1);
            Array.Clear(g2);
            Array.Clear(gb2);
            var random = SeededRandom.For(dataSeed, (ulong)Steps);
            for (var b = 0; b < batchSize; b++)
            {
                var row = random.NextInt32(data.Count);
                var x = data.Features[row];
                Forward(x, h, p);
                loss -= Math.Log(Math.Max(p[data.Labels[row]], double.Epsilon));
                p[data.Labels[row]] -= 1; // dLoss/dz = softmax − one-hot
                Array.Clear(dh);
                for (var k = 0; k < Digits.ClassCount; k++)
                {
                    var dz = p[k];
                    gb2[k] += dz;
                    var offset = k * hidden;
                    for (var j = 0; j < hidden; j++)
                    {
                        g2[offset + j] += dz * h[j];
                        dh[j] += dz * w2[offset + j];
                    }
                }

                for (var j = 0; j < hidden; j++)
                {
                    if (h[j] <= 0)
                    {
                        continue;
                    }

                    gb1[j] += dh[j];
                    var offset = j * Digits.FeatureCount;
                    for (var i = 0; i < Digits.FeatureCount; i++)
                    {
                        g1[offset + i] += dh[j] * x[i];
                    }
                }
            }

            Update(w1, v1, g1, settings, batchSize, decay: true);
            Update(b1, vb1, gb1, settings, batchSize, decay: false);
            Update(w2, v2, g2, settings, batchSize, decay: true);
            Update(b2, vb2, gb2, settings, batchSize, decay: false);
            Steps++;
        }

        var mean = loss / Math.Max(1, steps * batchSize);
        return double.IsNaN(mean) ? double.PositiveInfinity : mean;
    }

    /// <summary>The share of rows classified correctly.</summary>
    /// <param name="data">The rows.</param>
    /// <returns>The accuracy in [0, 1] (a diverged network, with NaN outputs, scores about 0.1).</returns>
    public double Accuracy(DigitRows data)
    {
        var h = new double[hidden];
        var p = new double[Digits.ClassCount];
        var correct = 0;
        for (var r = 0; r < data.Count; r++)
        {
            Forward(data.Features[r], h, p);
            var best = 0;
            for (var k = 1; k < Digits.ClassCount; k++)
            {
                if (p[k] > p[best])
                {
                    best = k;
                }
            }

            correct += best == data.Labels[r] ? 1 : 0;
        }

        return (double)correct / data.Count;
    }

    /// <summary>Writes the weights, velocities and step count.</summary>
    /// <param name="writer">The writer.</param>
    public void Save(BinaryWriter writer)
    {
        writer.Write(hidden);
        writer.Write(Steps);
        foreach (var array in new[] { w1, b1, w2, b2, v1, vb1, v2, vb2 })
        {
            foreach (var value in array)
            {
                writer.Write(value);
            }
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote.</summary>
    /// <param name="reader">The reader.</param>
    /// <exception cref="InvalidDataException">The checkpoint is of a network of another size.</exception>
    public void Load(BinaryReader reader)
    {
        var size = reader.ReadInt32();
        if (size != hidden)
        {
            throw new InvalidDataException($"The checkpoint has {size} hidden units; this network has {hidden}.");
        }

        Steps = reader.ReadInt64();
        foreach (var array in new[] { w1, b1, w2, b2, v1, vb1, v2, vb2 })
        {
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = reader.ReadDouble();
            }
        }
    }

    private static void Update(double[] weights, double[] velocity, double[] gradient, SgdSettings settings, int batchSize, bool decay)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            var g = (gradient[i] / batchSize) + (decay ? settings.WeightDecay * weights[i] : 0);
            velocity[i] = (settings.Momentum * velocity[i]) + g;
            weights[i] -= settings.LearningRate * velocity[i];
        }
    }

    private void Forward(double[] x, double[] h, double[] p)
    {
        for (var j = 0; j < hidden; j++)
        {
            var sum = b1[j];
            var offset = j * Digits.FeatureCount;
            for (var i = 0; i < Digits.FeatureCount; i++)
            {
                sum += w1[offset + i] * x[i];
            }

            h[j] = Math.Max(sum, 0);
        }

        var max = double.NegativeInfinity;
        for (var k = 0; k < Digits.ClassCount; k++)
        {
            var sum = b2[k];
            var offset = k * hidden;
            for (var j = 0; j < hidden; j++)
            {
                sum += w2[offset + j] * h[j];
            }

            p[k] = sum;
            max = Math.Max(max, sum);
        }

        var total = 0.0;
        for (var k = 0; k < Digits.ClassCount; k++)
        {
            p[k] = Math.Exp(p[k] - max);
            total += p[k];
        }

        for (var k = 0; k < Digits.ClassCount; k++)
        {
            p[k] /= total;
        }
    }
}
