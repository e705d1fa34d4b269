using Attune.Pbt;

namespace Attune.Tests.Pbt;

/// <summary>A member that runs a hook (to block, throw or observe) before its inner member trains.</summary>
internal sealed class HookedMember(IPbtMember inner, PbtSegment segment, Func<PbtSegment, CancellationToken, Task> beforeTrain) : IPbtMember
{
    public void Initialize(PbtHyperparameters hyperparameters) => inner.Initialize(hyperparameters);

    public async ValueTask<double> TrainAsync(int steps, CancellationToken cancellationToken)
    {
        await beforeTrain(segment, cancellationToken);
        return await inner.TrainAsync(steps, cancellationToken);
    }

    public ValueTask SaveAsync(Stream destination, CancellationToken cancellationToken) => inner.SaveAsync(destination, cancellationToken);

    public ValueTask LoadAsync(Stream source, CancellationToken cancellationToken) => inner.LoadAsync(source, cancellationToken);
}
