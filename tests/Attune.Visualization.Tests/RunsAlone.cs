namespace Attune.Visualization.Tests;

/// <summary>Test classes that must not run beside others (timing, headless browser).</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
