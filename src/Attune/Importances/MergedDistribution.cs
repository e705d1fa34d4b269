namespace Attune.Importances;

/// <summary>One distribution covering every distribution a parameter had over a set of trials (its range may have changed between them).</summary>
internal static class MergedDistribution
{
    /// <summary>
    /// The distribution itself when all agree; otherwise the widest float or int range (log only when every
    /// one is log; a step only when every one has the same step), or the union of the categorical choices in
    /// order of first appearance.
    /// </summary>
    /// <exception cref="ArgumentException">The parameter is categorical in some trials and numerical in others.</exception>
    public static Distribution Of(string name, IReadOnlyList<Distribution> distributions)
    {
        var first = distributions[0];
        if (distributions.All(d => d.Equals(first)))
        {
            return first;
        }

        switch (first)
        {
            case CategoricalDistribution when distributions.All(d => d is CategoricalDistribution):
                {
                    var choices = new List<object?>();
                    foreach (var choice in distributions.Cast<CategoricalDistribution>().SelectMany(c => c.Choices))
                    {
                        if (!choices.Any(c => Equals(CategoricalDistribution.Canonical(c), CategoricalDistribution.Canonical(choice))))
                        {
                            choices.Add(choice);
                        }
                    }

                    return new CategoricalDistribution(choices);
                }

            case FloatDistribution when distributions.All(d => d is FloatDistribution):
                {
                    var floats = distributions.Cast<FloatDistribution>().ToList();
                    var step = floats.All(f => f.Step == floats[0].Step && f.Low == floats[0].Low) ? floats[0].Step : null;
                    return new FloatDistribution(floats.Min(f => f.Low), floats.Max(f => f.High), floats.All(f => f.Log) && step is null, step);
                }

            case IntDistribution when distributions.All(d => d is IntDistribution):
                {
                    var ints = distributions.Cast<IntDistribution>().ToList();
                    var step = ints.All(i => i.Step == ints[0].Step && i.Low == ints[0].Low) ? ints[0].Step : 1;
                    return new IntDistribution(ints.Min(i => i.Low), ints.Max(i => i.High), ints.All(i => i.Log) && step == 1, step);
                }

            default:
                throw new ArgumentException(
                    $"Parameter '{name}' has distributions of different kinds across trials ({first} and {distributions.First(d => d.GetType() != first.GetType())}); importance needs one kind per parameter.");
        }
    }
}
