using Attune.Pbt;

namespace Attune.Tests.Pbt;

/// <summary>
/// The toy problem of Jaderberg et al. (2017): maximize Q(θ) = 1.2 − (θ₀² + θ₁²) by gradient ascent on the
/// surrogate Q̂(θ|h) = 1.2 − (h₀θ₀² + h₁θ₁²), from θ = (0.9, 0.9); the score is the true Q.
/// </summary>
internal sealed class ToyMember : IPbtMember
{
    public const double LearningRate = 0.01;

    private double h0;
    private double h1;

    public double Theta0 { get; private set; } = 0.9;

    public double Theta1 { get; private set; } = 0.9;

    public static PbtSearchSpace Space => new PbtSearchSpace().AddFloat("h0", 0, 1).AddFloat("h1", 0, 1);

    public static double Q(double theta0, double theta1) => 1.2 - ((theta0 * theta0) + (theta1 * theta1));

    /// <summary>Q after training from the start with fixed h for a number of steps.</summary>
    public static double Fixed(double h0, double h1, int steps)
    {
        var member = new ToyMember();
        member.Initialize(new PbtHyperparameters(new Dictionary<string, object?> { ["h0"] = h0, ["h1"] = h1 }));
        member.Step(steps);
        return Q(member.Theta0, member.Theta1);
    }

    public void Initialize(PbtHyperparameters hyperparameters)
    {
        h0 = hyperparameters.GetDouble("h0");
        h1 = hyperparameters.GetDouble("h1");
    }

    public ValueTask<double> TrainAsync(int steps, CancellationToken cancellationToken)
    {
        Step(steps);
        return ValueTask.FromResult(Q(Theta0, Theta1));
    }

    public ValueTask SaveAsync(Stream destination, CancellationToken cancellationToken)
    {
        using var writer = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Theta0);
        writer.Write(Theta1);
        return ValueTask.CompletedTask;
    }

    public ValueTask LoadAsync(Stream source, CancellationToken cancellationToken)
    {
        using var reader = new BinaryReader(source, System.Text.Encoding.UTF8, leaveOpen: true);
        Theta0 = reader.ReadDouble();
        Theta1 = reader.ReadDouble();
        return ValueTask.CompletedTask;
    }

    private void Step(int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            // ∇Q̂ = (−2h₀θ₀, −2h₁θ₁).
            Theta0 += LearningRate * -2 * h0 * Theta0;
            Theta1 += LearningRate * -2 * h1 * Theta1;
        }
    }
}
