namespace Attune.Numerics.Optimization;

/// <summary>
/// The subspace step of L-BFGS-B (Byrd, Lu, Nocedal and Zhu 1995, section 5.1, the direct primal
/// method): minimizes the quadratic model over the variables that are free at the Cauchy point,
/// with the others held at their bounds, using the Sherman–Morrison–Woodbury form of the reduced
/// matrix. The result is projected onto the bounds when that keeps a descent direction
/// (Morales and Nocedal 2011), otherwise truncated to the feasible segment as in the original.
/// </summary>
internal static class SubspaceMinimization
{
    /// <summary>Computes x̄ from the Cauchy point.</summary>
    /// <param name="x">The current point x₀.</param>
    /// <param name="g">The gradient at x₀.</param>
    /// <param name="lower">Lower bounds.</param>
    /// <param name="upper">Upper bounds.</param>
    /// <param name="memory">The limited-memory matrix.</param>
    /// <param name="cauchy">The Cauchy point.</param>
    /// <param name="c">Wᵀ(x_cp − x₀).</param>
    /// <param name="result">Receives x̄.</param>
    public static void Compute(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> g,
        ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper,
        LimitedMemoryBfgs memory,
        ReadOnlySpan<double> cauchy,
        ReadOnlySpan<double> c,
        Span<double> result)
    {
        var n = x.Length;
        cauchy.CopyTo(result);
        var width = memory.Width;
        if (width == 0)
        {
            // B = I: the Cauchy point already minimizes the model along the projected path.
            return;
        }

        var theta = memory.Theta;
        var free = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            if (cauchy[i] > lower[i] && cauchy[i] < upper[i])
            {
                free.Add(i);
            }
        }

        if (free.Count == 0)
        {
            return;
        }

        // Reduced gradient r = Zᵀ(g + θ(x_cp − x₀) − W·M·c).
        Span<double> mc = stackalloc double[width];
        memory.MiddleTimes(c, mc);
        Span<double> row = stackalloc double[width];
        var r = new double[free.Count];
        var rows = new double[free.Count * width];
        Span<double> wr = stackalloc double[width];
        wr.Clear();
        var gram = new double[width * width];
        for (var f = 0; f < free.Count; f++)
        {
            var i = free[f];
            var w = rows.AsSpan(f * width, width);
            memory.Row(i, w);
            r[f] = g[i] + (theta * (cauchy[i] - x[i])) - VectorMath.Dot(w, mc);
            VectorMath.Axpy(r[f], w, wr);
            for (var a = 0; a < width; a++)
            {
                VectorMath.Axpy(w[a], w, gram.AsSpan(a * width, width));
            }
        }

        // du = −r/θ − (1/θ²)·ZᵀW·(I − (1/θ)·M·WᵀZZᵀW)⁻¹·M·WᵀZ·r.
        Span<double> v = stackalloc double[width];
        memory.MiddleTimes(wr, v);
        var system = new double[width * width];
        for (var a = 0; a < width; a++)
        {
            // WᵀZZᵀW is symmetric: its column a is its row a.
            memory.MiddleTimes(gram.AsSpan(a * width, width), row);
            for (var b = 0; b < width; b++)
            {
                system[(b * width) + a] = (a == b ? 1 : 0) - (row[b] / theta);
            }
        }

        if (!DenseLu.TrySolve(system, width, v))
        {
            return;
        }

        var du = new double[free.Count];
        for (var f = 0; f < free.Count; f++)
        {
            du[f] = (-r[f] / theta) - (VectorMath.Dot(rows.AsSpan(f * width, width), v) / (theta * theta));
        }

        // Projection, kept when x̄ − x₀ is a descent direction.
        var descent = 0.0;
        Span<double> projected = n <= 256 ? stackalloc double[n] : new double[n];
        cauchy.CopyTo(projected);
        for (var f = 0; f < free.Count; f++)
        {
            var i = free[f];
            projected[i] = Math.Clamp(cauchy[i] + du[f], lower[i], upper[i]);
        }

        for (var i = 0; i < n; i++)
        {
            descent += g[i] * (projected[i] - x[i]);
        }

        if (descent < 0)
        {
            projected.CopyTo(result);
            return;
        }

        // Truncation: the largest α ≤ 1 with x_cp + α·du inside the bounds.
        var alpha = 1.0;
        for (var f = 0; f < free.Count; f++)
        {
            var i = free[f];
            if (du[f] > 0)
            {
                alpha = Math.Min(alpha, (upper[i] - cauchy[i]) / du[f]);
            }
            else if (du[f] < 0)
            {
                alpha = Math.Min(alpha, (lower[i] - cauchy[i]) / du[f]);
            }
        }

        alpha = Math.Max(alpha, 0);
        for (var f = 0; f < free.Count; f++)
        {
            var i = free[f];
            result[i] = Math.Clamp(cauchy[i] + (alpha * du[f]), lower[i], upper[i]);
        }
    }
}
