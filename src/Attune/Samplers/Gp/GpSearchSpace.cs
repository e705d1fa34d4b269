namespace Attune.Samplers;

/// <summary>
/// The search space of a <see cref="GpSampler"/> as the Gaussian process sees it: one coordinate
/// per parameter, in ordinal order of the names. Numbers map to [0, 1] — log distributions in log
/// space — and grids (a float with a step, an int) map onto the cell centres of a range widened by
/// half a step at each end, so that every grid value owns an equal share of [0, 1]. A categorical
/// parameter's coordinate is the index of its choice; the kernel compares it by equality.
/// </summary>
internal sealed class GpSearchSpace
{
    // Grids with more values than this are optimized as continuous coordinates and rounded when decoded.
    private const long MaxGridChoices = 4096;

    private readonly Dimension[] dimensions;

    /// <summary>Creates the encoding of a search space (single-valued distributions must be left out by the caller).</summary>
    /// <param name="space">The distributions by name.</param>
    public GpSearchSpace(IReadOnlyDictionary<string, Distribution> space)
    {
        Names = space.Keys.Order(StringComparer.Ordinal).ToArray();
        dimensions = new Dimension[Names.Count];
        IsCategorical = new bool[Names.Count];
        for (var i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = Dimension.Create(space[Names[i]]);
            IsCategorical[i] = dimensions[i].Kind == DimensionKind.Categorical;
        }
    }

    /// <summary>The parameter names, in coordinate order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The number of coordinates.</summary>
    public int Count => dimensions.Length;

    /// <summary>Which coordinates are categorical (compared by equality in the kernel).</summary>
    public bool[] IsCategorical { get; }

    /// <summary>Whether coordinate <paramref name="i"/> varies continuously (no grid, not categorical).</summary>
    /// <param name="i">The coordinate.</param>
    /// <returns><see langword="true"/> for a continuous float.</returns>
    public bool IsContinuous(int i) => dimensions[i].Kind == DimensionKind.Continuous;

    /// <summary>
    /// The values a discrete coordinate can take, in increasing order (normalized grid positions, or
    /// the indices of a categorical); empty for a continuous coordinate.
    /// </summary>
    /// <param name="i">The coordinate.</param>
    /// <returns>The values.</returns>
    public ReadOnlySpan<double> Choices(int i) => dimensions[i].Choices;

    /// <summary>The distribution of coordinate <paramref name="i"/>.</summary>
    /// <param name="i">The coordinate.</param>
    /// <returns>The distribution.</returns>
    public Distribution Distribution(int i) => dimensions[i].Source;

    /// <summary>Encodes internal parameter values (by name) into coordinates.</summary>
    /// <param name="internalValues">The parameters; must hold every name of the space.</param>
    /// <param name="destination">Receives <see cref="Count"/> coordinates.</param>
    public void Encode(IReadOnlyDictionary<string, double> internalValues, Span<double> destination)
    {
        for (var i = 0; i < dimensions.Length; i++)
        {
            destination[i] = dimensions[i].Encode(internalValues[Names[i]]);
        }
    }

    /// <summary>Whether <paramref name="internalValues"/> has a value for every parameter of the space.</summary>
    /// <param name="internalValues">The parameters.</param>
    /// <returns><see langword="true"/> when all are present.</returns>
    public bool Covers(IReadOnlyDictionary<string, double> internalValues)
    {
        foreach (var name in Names)
        {
            if (!internalValues.ContainsKey(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes coordinates into internal parameter values, each inside its distribution.</summary>
    /// <param name="point">The coordinates.</param>
    /// <returns>Internal values by name.</returns>
    public Dictionary<string, double> Decode(ReadOnlySpan<double> point)
    {
        var values = new Dictionary<string, double>(dimensions.Length, StringComparer.Ordinal);
        for (var i = 0; i < dimensions.Length; i++)
        {
            values[Names[i]] = dimensions[i].Decode(point[i]);
        }

        return values;
    }

    /// <summary>Moves coordinate <paramref name="i"/> onto its nearest admissible value (grid point or choice); continuous coordinates are clamped to [0, 1].</summary>
    /// <param name="i">The coordinate.</param>
    /// <param name="value">The coordinate's value.</param>
    /// <returns>The admissible value.</returns>
    public double Snap(int i, double value) => dimensions[i].Snap(value);

    /// <summary>Maps a point of the unit cube [0, 1)^d (e.g. a Sobol point) to admissible coordinates.</summary>
    /// <param name="unit">The point.</param>
    /// <param name="destination">Receives the coordinates.</param>
    public void FromUnitCube(ReadOnlySpan<double> unit, Span<double> destination)
    {
        for (var i = 0; i < dimensions.Length; i++)
        {
            var d = dimensions[i];
            destination[i] = d.Kind switch
            {
                DimensionKind.Continuous => unit[i],
                _ => d.Choices[Math.Clamp((int)(unit[i] * d.Choices.Length), 0, d.Choices.Length - 1)],
            };
        }
    }

    private enum DimensionKind
    {
        Continuous,
        Grid,
        Categorical,
    }

    private sealed class Dimension
    {
        private Dimension(
            Distribution source, DimensionKind kind, bool log, double low, double high, double step, long gridCount, double lowerEdge, double upperEdge, double[] choices)
        {
            GridCount = gridCount;
            Source = source;
            Kind = kind;
            Log = log;
            Low = low;
            High = high;
            Step = step;
            LowerEdge = lowerEdge;
            UpperEdge = upperEdge;
            Choices = choices;
        }

        public Distribution Source { get; }

        public DimensionKind Kind { get; }

        public bool Log { get; }

        public double Low { get; }

        public double High { get; }

        public double Step { get; }

        // The number of grid values (0 without a grid).
        public long GridCount { get; }

        // The transformed ends of [0, 1]: log of the (widened) bounds for log scales.
        public double LowerEdge { get; }

        public double UpperEdge { get; }

        public double[] Choices { get; }

        public static Dimension Create(Distribution distribution)
        {
            switch (distribution)
            {
                case CategoricalDistribution c:
                    {
                        var choices = new double[c.Choices.Count];
                        for (var k = 0; k < choices.Length; k++)
                        {
                            choices[k] = k;
                        }

                        return new Dimension(c, DimensionKind.Categorical, false, 0, choices.Length - 1, 1, choices.Length, 0, 1, choices);
                    }

                case FloatDistribution { Step: { } step } f:
                    return Grid(f, f.Low, f.High, step, false, (long)Math.Round((f.High - f.Low) / step) + 1);

                case FloatDistribution f:
                    return f.Log
                        ? new Dimension(f, DimensionKind.Continuous, true, f.Low, f.High, 0, 0, Math.Log(f.Low), Math.Log(f.High), [])
                        : new Dimension(f, DimensionKind.Continuous, false, f.Low, f.High, 0, 0, f.Low, f.High, []);

                case IntDistribution i:
                    return Grid(i, i.Low, i.High, i.Step, i.Log, i.Count);

                default:
                    throw new ArgumentException($"Unsupported distribution {distribution}.", nameof(distribution));
            }
        }

        public double Encode(double value)
        {
            if (Kind == DimensionKind.Categorical)
            {
                return value;
            }

            var t = Log ? Math.Log(value) : value;
            return UpperEdge == LowerEdge ? 0.5 : (t - LowerEdge) / (UpperEdge - LowerEdge);
        }

        public double Decode(double u)
        {
            if (Kind == DimensionKind.Categorical)
            {
                return Math.Clamp(Math.Round(u), 0, Choices.Length - 1);
            }

            var t = LowerEdge + (Math.Clamp(u, 0, 1) * (UpperEdge - LowerEdge));
            var value = Log ? Math.Exp(t) : t;
            if (GridCount == 0)
            {
                return Math.Clamp(value, Low, High);
            }

            var k = Math.Clamp(Math.Round((value - Low) / Step), 0, GridCount - 1);
            return Math.Min(High, Low + (k * Step));
        }

        public double Snap(double u)
        {
            if (Kind == DimensionKind.Continuous)
            {
                return Math.Clamp(u, 0, 1);
            }

            return Kind == DimensionKind.Categorical
                ? Math.Clamp(Math.Round(u), 0, Choices.Length - 1)
                : Encode(Decode(u));
        }

        private static Dimension Grid(Distribution source, double low, double high, double step, bool log, long count)
        {
            var lowerEdge = log ? Math.Log(low - (step / 2)) : low - (step / 2);
            var upperEdge = log ? Math.Log(high + (step / 2)) : high + (step / 2);
            if (count > MaxGridChoices)
            {
                return new Dimension(source, DimensionKind.Continuous, log, low, high, step, count, lowerEdge, upperEdge, []);
            }

            var dimension = new Dimension(source, DimensionKind.Grid, log, low, high, step, count, lowerEdge, upperEdge, new double[count]);
            for (var k = 0; k < count; k++)
            {
                dimension.Choices[k] = dimension.Encode(Math.Min(high, low + (k * step)));
            }

            return dimension;
        }
    }
}
