using Attune.Randomness;

namespace Attune.Forests;

/// <summary>
/// Grows one regression tree by variance reduction (CART). Every node holds its samples as one
/// contiguous segment per feature, kept in ascending order of that feature; a split partitions each
/// segment stably, so no node ever sorts and a level of the tree costs O(samples × features).
/// </summary>
/// <remarks>Not thread-safe: one builder per thread; it reuses its buffers between trees.</remarks>
internal sealed class TreeBuilder
{
    private readonly FeatureMatrix matrix;
    private readonly double[] y;
    private readonly ForestSettings settings;
    private readonly int[] sorted;
    private readonly int[] scratch;
    private readonly bool[] goesLeft;
    private readonly int[] featureOrder;
    private readonly Stack<(int Node, int Start, int End, int Depth)> pending = new();
    private int[] counts = [];
    private int used;
    private NodeList nodes;

    /// <summary>Creates a builder for trees on the given data.</summary>
    public TreeBuilder(FeatureMatrix matrix, double[] y, ForestSettings settings)
    {
        this.matrix = matrix;
        this.y = y;
        this.settings = settings;
        sorted = new int[matrix.Features * matrix.Rows];
        scratch = new int[matrix.Rows];
        goesLeft = new bool[matrix.Rows];
        featureOrder = new int[matrix.Features];
        nodes = new NodeList(Math.Max(1, 2 * matrix.Rows));
    }

    /// <summary>Grows a tree on the samples with positive <paramref name="sampleCounts"/> (weighted by them).</summary>
    /// <param name="sampleCounts">How often each sample is drawn; not kept.</param>
    /// <param name="random">The stream that picks the features tried at each split.</param>
    /// <returns>The tree.</returns>
    public RegressionTree Build(int[] sampleCounts, SeededRandom random)
    {
        counts = sampleCounts;
        var features = matrix.Features;
        used = 0;
        for (var i = 0; i < sampleCounts.Length; i++)
        {
            if (sampleCounts[i] > 0)
            {
                used++;
            }
        }

        for (var f = 0; f < features; f++)
        {
            var order = matrix.Orders[f];
            var offset = f * used;
            var k = 0;
            foreach (var sample in order)
            {
                if (sampleCounts[sample] > 0)
                {
                    sorted[offset + k++] = sample;
                }
            }
        }

        nodes.Clear();
        nodes.Add();
        pending.Push((0, 0, used, 0));
        while (pending.TryPop(out var item))
        {
            Grow(item.Node, item.Start, item.End, item.Depth, random);
        }

        return nodes.ToTree();
    }

    private void Grow(int node, int start, int end, int depth, SeededRandom random)
    {
        double weight = 0, sum = 0, squares = 0;
        for (var i = start; i < end; i++)
        {
            var s = sorted[i];
            double c = counts[s];
            weight += c;
            sum += c * y[s];
            squares += c * y[s] * y[s];
        }

        var mean = sum / weight;
        nodes.Value[node] = mean;
        var size = end - start;
        var error = squares - (sum * mean);
        if (depth >= settings.MaxDepth || size < settings.MinSamplesSplit || size < 2 * settings.MinSamplesLeaf
            || error <= 1e-12 * Math.Max(squares, 1e-300))
        {
            return;
        }

        var (feature, threshold, gain) = BestSplit(start, size, weight, sum, random);
        if (feature < 0)
        {
            return;
        }

        var left = Partition(feature, threshold, start, size);
        var leftNode = nodes.Add();
        var rightNode = nodes.Add();
        nodes.Feature[node] = feature;
        nodes.Threshold[node] = threshold;
        nodes.Left[node] = leftNode;
        nodes.Right[node] = rightNode;
        nodes.Gain[node] = gain;
        pending.Push((rightNode, start + left, end, depth + 1));
        pending.Push((leftNode, start, start + left, depth + 1));
    }

    private (int Feature, double Threshold, double Gain) BestSplit(int start, int size, double weight, double sum, SeededRandom random)
    {
        var features = matrix.Features;
        for (var f = 0; f < features; f++)
        {
            featureOrder[f] = f;
        }

        var tries = Math.Max(1, (int)Math.Round(settings.FeatureFraction * features));
        var parentScore = sum * sum / weight;
        var bestScore = parentScore;
        var bestFeature = -1;
        var bestThreshold = 0.0;
        var tried = 0;
        var minLeaf = settings.MinSamplesLeaf;
        for (var k = 0; k < features && tried < tries; k++)
        {
            // Draw the next feature without replacement (a lazy Fisher–Yates shuffle).
            var pick = k + (int)random.NextInt64(features - k);
            (featureOrder[k], featureOrder[pick]) = (featureOrder[pick], featureOrder[k]);
            var f = featureOrder[k];
            var column = matrix.Columns[f];
            var segment = sorted.AsSpan((f * used) + start, size);
            if (column[segment[0]] == column[segment[^1]])
            {
                continue;
            }

            tried++;
            double leftWeight = 0, leftSum = 0;
            for (var i = 0; i < size - 1; i++)
            {
                var s = segment[i];
                double c = counts[s];
                leftWeight += c;
                leftSum += c * y[s];
                if (i + 1 < minLeaf)
                {
                    continue;
                }

                if (size - i - 1 < minLeaf)
                {
                    break;
                }

                var here = column[s];
                var next = column[segment[i + 1]];
                if (next <= here)
                {
                    continue;
                }

                var rightSum = sum - leftSum;
                var score = (leftSum * leftSum / leftWeight) + (rightSum * rightSum / (weight - leftWeight));
                if (score > bestScore)
                {
                    bestScore = score;
                    bestFeature = f;
                    var middle = here + ((next - here) / 2);
                    bestThreshold = middle < next ? middle : here;
                }
            }
        }

        var gain = bestScore - parentScore;
        return gain > 1e-12 * Math.Abs(parentScore) ? (bestFeature, bestThreshold, gain) : (-1, 0, 0);
    }

    // Stable partition of every feature's segment; returns the size of the left part.
    private int Partition(int feature, double threshold, int start, int size)
    {
        var column = matrix.Columns[feature];
        var left = 0;
        foreach (var s in sorted.AsSpan((feature * used) + start, size))
        {
            var l = column[s] <= threshold;
            goesLeft[s] = l;
            left += l ? 1 : 0;
        }

        for (var f = 0; f < matrix.Features; f++)
        {
            var segment = sorted.AsSpan((f * used) + start, size);
            int l = 0, r = 0;
            foreach (var s in segment)
            {
                if (goesLeft[s])
                {
                    segment[l++] = s;
                }
                else
                {
                    scratch[r++] = s;
                }
            }

            scratch.AsSpan(0, r).CopyTo(segment[l..]);
        }

        return left;
    }

    // Growable node arrays; copied out at the size the tree reached.
    private struct NodeList(int capacity)
    {
        public int[] Feature = new int[capacity];
        public double[] Threshold = new double[capacity];
        public int[] Left = new int[capacity];
        public int[] Right = new int[capacity];
        public double[] Value = new double[capacity];
        public double[] Gain = new double[capacity];
        private int count;

        public void Clear() => count = 0;

        public int Add()
        {
            Feature[count] = -1;
            Threshold[count] = 0;
            Left[count] = -1;
            Right[count] = -1;
            Value[count] = 0;
            Gain[count] = 0;
            return count++;
        }

        public readonly RegressionTree ToTree() => new(
            Feature[..count], Threshold[..count], Left[..count], Right[..count], Value[..count], Gain[..count]);
    }
}
