using Attune.Randomness;

namespace Attune.Tests.LearningRate;

/// <summary>
/// A multinomial logistic regression (one linear layer and a softmax) trained by plain mini-batch SGD on
/// <see cref="DigitsSet"/>; small enough for a unit test, real enough to have a learning rate that matters.
/// </summary>
internal sealed class SoftmaxRegression
{
    private const int BatchSize = 32;
    private readonly DigitsSet data;
    private readonly double[,] weights = new double[DigitsSet.Classes, DigitsSet.Features + 1];
    private readonly int[] order;
    private readonly SeededRandom random;
    private int cursor;

    public SoftmaxRegression(DigitsSet data, ulong seed)
    {
        this.data = data;
        random = new SeededRandom(seed);
        for (var c = 0; c < DigitsSet.Classes; c++)
        {
            for (var f = 0; f < DigitsSet.Features; f++)
            {
                weights[c, f] = 0.01 * random.NextGaussian();
            }
        }

        order = Enumerable.Range(0, data.TrainX.Length).ToArray();
        random.Shuffle(order.AsSpan());
    }

    public int StepsPerEpoch => data.TrainX.Length / BatchSize;

    /// <summary>Trains on the next mini-batch and returns its mean cross-entropy before the update.</summary>
    public double TrainStep(double learningRate)
    {
        var gradient = new double[DigitsSet.Classes, DigitsSet.Features + 1];
        var probabilities = new double[DigitsSet.Classes];
        var loss = 0.0;
        for (var b = 0; b < BatchSize; b++)
        {
            if (cursor == order.Length)
            {
                random.Shuffle(order.AsSpan());
                cursor = 0;
            }

            var row = order[cursor++];
            var x = data.TrainX[row];
            var y = data.TrainY[row];
            loss += Forward(x, y, probabilities);
            for (var c = 0; c < DigitsSet.Classes; c++)
            {
                var delta = probabilities[c] - (c == y ? 1.0 : 0.0);
                for (var f = 0; f < DigitsSet.Features; f++)
                {
                    gradient[c, f] += delta * x[f];
                }

                gradient[c, DigitsSet.Features] += delta;
            }
        }

        for (var c = 0; c < DigitsSet.Classes; c++)
        {
            for (var f = 0; f <= DigitsSet.Features; f++)
            {
                weights[c, f] -= learningRate * gradient[c, f] / BatchSize;
            }
        }

        return loss / BatchSize;
    }

    /// <summary>The mean cross-entropy on the held-out rows (infinite when it overflows).</summary>
    public double TestLoss()
    {
        var probabilities = new double[DigitsSet.Classes];
        var total = 0.0;
        for (var i = 0; i < data.TestX.Length; i++)
        {
            total += Forward(data.TestX[i], data.TestY[i], probabilities);
        }

        var mean = total / data.TestX.Length;
        return double.IsFinite(mean) ? mean : double.PositiveInfinity;
    }

    private double Forward(float[] x, int y, double[] probabilities)
    {
        var max = double.NegativeInfinity;
        for (var c = 0; c < DigitsSet.Classes; c++)
        {
            var z = weights[c, DigitsSet.Features];
            for (var f = 0; f < DigitsSet.Features; f++)
            {
                z += weights[c, f] * x[f];
            }

            probabilities[c] = z;
            max = Math.Max(max, z);
        }

        var sum = 0.0;
        for (var c = 0; c < DigitsSet.Classes; c++)
        {
            probabilities[c] = Math.Exp(probabilities[c] - max);
            sum += probabilities[c];
        }

        for (var c = 0; c < DigitsSet.Classes; c++)
        {
            probabilities[c] /= sum;
        }

        return -Math.Log(Math.Max(probabilities[y], 1e-300));
    }
}
