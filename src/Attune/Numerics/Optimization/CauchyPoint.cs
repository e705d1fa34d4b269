namespace Attune.Numerics.Optimization;

/// <summary>
/// The generalized Cauchy point of L-BFGS-B (Byrd, Lu, Nocedal and Zhu 1995, section 4): the first
/// local minimizer of the quadratic model m(x) = gᵀ(x − x₀) + ½(x − x₀)ᵀB(x − x₀) along the
/// projected steepest-descent path P(x₀ − t·g), examined segment by segment between the breakpoints
/// where variables reach their bounds. Also returns c = Wᵀ(x_cp − x₀) for the subspace step.
/// </summary>
internal static class CauchyPoint
{
    /// <summary>Computes the Cauchy point.</summary>
    /// <param name="x">The current point x₀ (feasible).</param>
    /// <param name="g">The gradient at x₀.</param>
    /// <param name="lower">Lower bounds (−∞ for none).</param>
    /// <param name="upper">Upper bounds (+∞ for none).</param>
    /// <param name="memory">The limited-memory matrix B.</param>
    /// <param name="cauchy">Receives x_cp.</param>
    /// <param name="c">Receives Wᵀ(x_cp − x₀), 2k elements.</param>
    public static void Compute(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> g,
        ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper,
        LimitedMemoryBfgs memory,
        Span<double> cauchy,
        Span<double> c)
    {
        var n = x.Length;
        var width = memory.Width;
        var theta = memory.Theta;
        Span<double> breakpoints = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> d = n <= 256 ? stackalloc double[n] : new double[n];
        var order = new int[n];
        var count = 0;
        var dd = 0.0;
        for (var i = 0; i < n; i++)
        {
            double t;
            if (g[i] < 0 && !double.IsPositiveInfinity(upper[i]))
            {
                t = (x[i] - upper[i]) / g[i];
            }
            else if (g[i] > 0 && !double.IsNegativeInfinity(lower[i]))
            {
                t = (x[i] - lower[i]) / g[i];
            }
            else
            {
                t = double.PositiveInfinity;
            }

            breakpoints[i] = t;
            d[i] = t <= 0 ? 0 : -g[i];
            dd += d[i] * d[i];
            if (t > 0 && double.IsFinite(t))
            {
                order[count++] = i;
            }
        }

        x.CopyTo(cauchy);
        Span<double> p = stackalloc double[width];
        Span<double> mp = stackalloc double[width];
        Span<double> mc = stackalloc double[width];
        Span<double> row = stackalloc double[width];
        memory.TransposeTimes(d, p);
        c[..width].Clear();
        if (dd == 0)
        {
            return;
        }

        // Along a segment that starts at t_old: f' = gᵀd + θ·dᵀz − pᵀMc and f'' = θ·dᵀd − pᵀMp,
        // where z = x(t_old) − x₀ (so dᵀz = t_old·dᵀd on the moving variables), p = Wᵀd and c = Wᵀz.
        memory.MiddleTimes(p, mp);
        var f2 = (theta * dd) - VectorMath.Dot(p, mp);
        var f1 = -dd;
        var f2Floor = 2.220446049250313e-16 * Math.Max(f2, theta * dd);
        f2 = Math.Max(f2, f2Floor);
        var dtMin = -f1 / f2;
        var tOld = 0.0;
        var sortedBreakpoints = new double[count];
        for (var k = 0; k < count; k++)
        {
            sortedBreakpoints[k] = breakpoints[order[k]];
        }

        Array.Sort(sortedBreakpoints, order, 0, count);
        var next = 0;
        while (next < count)
        {
            var b = order[next];
            var t = sortedBreakpoints[next];
            var dt = t - tOld;
            if (dtMin < dt)
            {
                break;
            }

            // Move to the breakpoint, fix variable b at its bound and update the segment's derivatives.
            next++;
            cauchy[b] = d[b] > 0 ? upper[b] : lower[b];
            for (var a = 0; a < width; a++)
            {
                c[a] += dt * p[a];
            }

            var gb = g[b];
            memory.Row(b, row);
            for (var a = 0; a < width; a++)
            {
                p[a] += gb * row[a];
            }

            dd -= gb * gb;
            d[b] = 0;
            tOld = t;
            if (dd <= 0)
            {
                dd = 0;
                break;
            }

            memory.MiddleTimes(p, mp);
            memory.MiddleTimes(c, mc);
            f1 = -dd + (theta * tOld * dd) - VectorMath.Dot(p, mc);
            f2 = Math.Max((theta * dd) - VectorMath.Dot(p, mp), 2.220446049250313e-16 * theta * dd);
            dtMin = -f1 / f2;
        }

        dtMin = dd == 0 ? 0 : Math.Max(dtMin, 0);
        tOld += dtMin;
        for (var i = 0; i < n; i++)
        {
            if (d[i] != 0)
            {
                cauchy[i] = Math.Clamp(x[i] + (tOld * d[i]), lower[i], upper[i]);
            }
        }

        for (var a = 0; a < width; a++)
        {
            c[a] += dtMin * p[a];
        }
    }
}
