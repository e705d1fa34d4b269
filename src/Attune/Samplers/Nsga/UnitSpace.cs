namespace Attune.Samplers;

/// <summary>
/// The search space of one child, split into numerical parameters mapped to the unit cube and
/// categorical parameters kept as choice indices. Names are in ordinal order, so that a child's
/// random draws do not depend on dictionary order.
/// </summary>
/// <remarks>Coordinates as <see cref="UnitInterval"/> maps them.</remarks>
internal sealed class UnitSpace
{
    public UnitSpace(IReadOnlyDictionary<string, Distribution> space)
    {
        var numeric = new List<string>();
        var categorical = new List<string>();
        foreach (var (name, distribution) in space)
        {
            if (distribution.IsSingle)
            {
                continue;
            }

            (distribution is CategoricalDistribution ? categorical : numeric).Add(name);
        }

        numeric.Sort(StringComparer.Ordinal);
        categorical.Sort(StringComparer.Ordinal);
        Numeric = [.. numeric];
        Categorical = [.. categorical];
        NumericDistributions = Numeric.Select(n => space[n]).ToArray();
        CategoricalDistributions = Categorical.Select(n => (CategoricalDistribution)space[n]).ToArray();
    }

    public string[] Numeric { get; }

    public Distribution[] NumericDistributions { get; }

    public string[] Categorical { get; }

    public CategoricalDistribution[] CategoricalDistributions { get; }

    /// <summary>Whether a trial has every parameter of the space (with the same distributions).</summary>
    public bool Covers(TrialRecord trial)
    {
        for (var k = 0; k < Numeric.Length; k++)
        {
            if (!trial.Distributions.TryGetValue(Numeric[k], out var d) || !d.Equals(NumericDistributions[k]))
            {
                return false;
            }
        }

        for (var k = 0; k < Categorical.Length; k++)
        {
            if (!trial.Distributions.TryGetValue(Categorical[k], out var d) || !d.Equals(CategoricalDistributions[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes a trial's numerical parameters as unit-cube coordinates.</summary>
    public void Encode(TrialRecord trial, Span<double> unit)
    {
        for (var k = 0; k < Numeric.Length; k++)
        {
            unit[k] = UnitInterval.ToUnit(trial.InternalParams[Numeric[k]], NumericDistributions[k]);
        }
    }
}
