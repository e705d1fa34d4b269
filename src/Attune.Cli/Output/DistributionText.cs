namespace Attune.Cli;

/// <summary>Distributions in the CLI's search-space form (<c>{"type": "float", "low": …, "high": …}</c>).</summary>
internal static class DistributionText
{
    public static OrderedRow ToJsonLike(Distribution distribution)
    {
        var row = new OrderedRow();
        switch (distribution)
        {
            case FloatDistribution f:
                row.Add("type", "float");
                row.Add("low", f.Low);
                row.Add("high", f.High);
                row.Add("log", f.Log);
                row.Add("step", f.Step);
                break;
            case IntDistribution i:
                row.Add("type", "int");
                row.Add("low", (long)i.Low);
                row.Add("high", (long)i.High);
                row.Add("log", i.Log);
                row.Add("step", (long)i.Step);
                break;
            case CategoricalDistribution c:
                row.Add("type", "categorical");
                row.Add("choices", c.Choices.Select(x => AttributeValue.Normalize(x)).ToList());
                break;
        }

        return row;
    }
}
