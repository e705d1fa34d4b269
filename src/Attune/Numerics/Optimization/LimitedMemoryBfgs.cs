namespace Attune.Numerics.Optimization;

/// <summary>
/// The compact limited-memory BFGS matrix of Byrd, Nocedal and Schnabel (1994), as L-BFGS-B uses it:
/// B = θI − W·M·Wᵀ with W = [Y, θS] (n × 2k, the k most recent corrections) and
/// M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹, where D = diag(sᵢᵀyᵢ) and L is the strictly lower triangle of SᵀY.
/// </summary>
internal sealed class LimitedMemoryBfgs
{
    private readonly int n;
    private readonly int capacity;
    private readonly double[][] s;
    private readonly double[][] y;
    private readonly double[] middle; // M, (2k)×(2k) with stride 2·capacity
    private int head;

    /// <summary>Creates an empty memory.</summary>
    /// <param name="dimension">The number of variables.</param>
    /// <param name="capacity">The number of corrections kept (m).</param>
    public LimitedMemoryBfgs(int dimension, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        n = dimension;
        this.capacity = capacity;
        s = new double[capacity][];
        y = new double[capacity][];
        for (var i = 0; i < capacity; i++)
        {
            s[i] = new double[dimension];
            y[i] = new double[dimension];
        }

        middle = new double[4 * capacity * capacity];
    }

    /// <summary>The number of corrections held (k).</summary>
    public int Count { get; private set; }

    /// <summary>The scaling θ = yᵀy / sᵀy of the newest correction; 1 while empty.</summary>
    public double Theta { get; private set; } = 1;

    /// <summary>The size of <c>W</c>'s second dimension: 2k.</summary>
    public int Width => 2 * Count;

    /// <summary>Forgets every correction.</summary>
    public void Reset()
    {
        Count = 0;
        head = 0;
        Theta = 1;
    }

    /// <summary>Adds the correction (s, y) when its curvature sᵀy is safely positive; drops the oldest when full.</summary>
    /// <param name="step">s = x_{k+1} − x_k.</param>
    /// <param name="gradientChange">y = g_{k+1} − g_k.</param>
    /// <returns><see langword="true"/> when the correction was added.</returns>
    public bool TryAdd(ReadOnlySpan<double> step, ReadOnlySpan<double> gradientChange)
    {
        var sy = VectorMath.Dot(step, gradientChange);
        var yy = VectorMath.SumOfSquares(gradientChange);
        if (!(sy > 2.220446049250313e-16 * yy) || !double.IsFinite(sy) || !double.IsFinite(yy))
        {
            return false;
        }

        int slot;
        if (Count < capacity)
        {
            slot = (head + Count) % capacity;
            Count++;
        }
        else
        {
            slot = head;
            head = (head + 1) % capacity;
        }

        step.CopyTo(s[slot]);
        gradientChange.CopyTo(y[slot]);
        Theta = yy / sy;
        if (!RebuildMiddle())
        {
            Reset();
            return false;
        }

        return true;
    }

    /// <summary>Wᵀv: the first k entries are yⱼ·v, the next k are θ·sⱼ·v (oldest first).</summary>
    /// <param name="v">A vector of n elements.</param>
    /// <param name="result">Receives 2k elements.</param>
    public void TransposeTimes(ReadOnlySpan<double> v, Span<double> result)
    {
        for (var j = 0; j < Count; j++)
        {
            var slot = Slot(j);
            result[j] = VectorMath.Dot(y[slot], v);
            result[Count + j] = Theta * VectorMath.Dot(s[slot], v);
        }
    }

    /// <summary>Row <paramref name="i"/> of W: (y₀[i], …, y_{k−1}[i], θs₀[i], …, θs_{k−1}[i]).</summary>
    /// <param name="i">The variable.</param>
    /// <param name="result">Receives 2k elements.</param>
    public void Row(int i, Span<double> result)
    {
        for (var j = 0; j < Count; j++)
        {
            var slot = Slot(j);
            result[j] = y[slot][i];
            result[Count + j] = Theta * s[slot][i];
        }
    }

    /// <summary>M·v for a vector of 2k elements.</summary>
    /// <param name="v">The vector.</param>
    /// <param name="result">Receives M·v.</param>
    public void MiddleTimes(ReadOnlySpan<double> v, Span<double> result)
    {
        var width = Width;
        var stride = 2 * capacity;
        for (var a = 0; a < width; a++)
        {
            result[a] = VectorMath.Dot(middle.AsSpan(a * stride, width), v[..width]);
        }
    }

    /// <summary>B·v = θv − W·M·Wᵀv.</summary>
    /// <param name="v">A vector of n elements.</param>
    /// <param name="result">Receives B·v.</param>
    public void Times(ReadOnlySpan<double> v, Span<double> result)
    {
        var width = Width;
        Span<double> wv = stackalloc double[width];
        Span<double> mwv = stackalloc double[width];
        TransposeTimes(v, wv);
        MiddleTimes(wv, mwv);
        Span<double> row = stackalloc double[width];
        for (var i = 0; i < n; i++)
        {
            Row(i, row);
            result[i] = (Theta * v[i]) - VectorMath.Dot(row, mwv);
        }
    }

    private int Slot(int j) => (head + j) % capacity;

    // M from its block inverse, via the Schur complement C = θSᵀS + L·D⁻¹·Lᵀ (positive definite):
    // M = [[−D⁻¹ + D⁻¹LᵀC⁻¹LD⁻¹, D⁻¹LᵀC⁻¹], [C⁻¹LD⁻¹, C⁻¹]].
    private bool RebuildMiddle()
    {
        var k = Count;
        var d = new double[k];
        var lower = new double[k * k]; // L[i, j] = s_i·y_j for i > j
        var schur = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            var si = s[Slot(i)];
            d[i] = VectorMath.Dot(si, y[Slot(i)]);
            for (var j = 0; j < i; j++)
            {
                lower[(i * k) + j] = VectorMath.Dot(si, y[Slot(j)]);
            }

            for (var j = 0; j <= i; j++)
            {
                schur[(i * k) + j] = Theta * VectorMath.Dot(si, s[Slot(j)]);
            }
        }

        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var t = 0; t < Math.Min(i, j); t++)
                {
                    sum += lower[(i * k) + t] * lower[(j * k) + t] / d[t];
                }

                schur[(i * k) + j] += sum;
            }
        }

        if (!Cholesky.TryFactor(schur, k, k))
        {
            return false;
        }

        var inverse = new double[k * k];
        TriangularSolve.InverseFromFactor(schur, k, k, inverse, k, new double[k * k]);

        // B = D⁻¹Lᵀ C⁻¹ (k×k): B[i, j] = Σ_t L[t, i]/d[i] · C⁻¹[t, j].
        var b = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var sum = 0.0;
                for (var t = i + 1; t < k; t++)
                {
                    sum += lower[(t * k) + i] * inverse[(t * k) + j];
                }

                b[(i * k) + j] = sum / d[i];
            }
        }

        var stride = 2 * capacity;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                // Top-left: −D⁻¹ + B·L·D⁻¹.
                var sum = 0.0;
                for (var t = j + 1; t < k; t++)
                {
                    sum += b[(i * k) + t] * lower[(t * k) + j];
                }

                middle[(i * stride) + j] = (sum / d[j]) - (i == j ? 1 / d[i] : 0);
                middle[(i * stride) + k + j] = b[(i * k) + j];
                middle[((k + j) * stride) + i] = b[(i * k) + j];
                middle[((k + i) * stride) + k + j] = inverse[(i * k) + j];
            }
        }

        return true;
    }
}
