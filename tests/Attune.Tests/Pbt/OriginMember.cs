using System.Collections.Concurrent;
using Attune.Pbt;

namespace Attune.Tests.Pbt;

/// <summary>
/// A member whose score is its hyperparameter x and whose checkpoint holds the x it was first created with (its
/// origin), so a test can see whose checkpoint a segment loaded.
/// </summary>
internal sealed class OriginMember(PbtSegment segment, ConcurrentBag<(PbtSegment Segment, double Origin)> loads) : IPbtMember
{
    private double x;
    private double origin;

    public static PbtSearchSpace Space => new PbtSearchSpace().AddFloat("x", 0, 1);

    public void Initialize(PbtHyperparameters hyperparameters)
    {
        x = hyperparameters.GetDouble("x");
        origin = x;
    }

    public ValueTask<double> TrainAsync(int steps, CancellationToken cancellationToken) => ValueTask.FromResult(x);

    public ValueTask SaveAsync(Stream destination, CancellationToken cancellationToken)
    {
        using var writer = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(origin);
        return ValueTask.CompletedTask;
    }

    public ValueTask LoadAsync(Stream source, CancellationToken cancellationToken)
    {
        using var reader = new BinaryReader(source, System.Text.Encoding.UTF8, leaveOpen: true);
        origin = reader.ReadDouble();
        loads.Add((segment, origin));
        return ValueTask.CompletedTask;
    }
}
