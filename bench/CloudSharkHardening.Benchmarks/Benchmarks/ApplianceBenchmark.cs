using BenchmarkDotNet.Attributes;
using CloudSharkHardening.Benchmarks.Inputs;

namespace CloudSharkHardening.Benchmarks.Benchmarks;

/// <summary>
/// What the benchmarks on a compliant appliance share: the appliance, built in a subclass's
/// setup (its shape may depend on the benchmark's parameters), and removed after the runs.
/// </summary>
public abstract class ApplianceBenchmark : IDisposable
{
    private CompliantAppliance? _appliance;

    protected CompliantAppliance Appliance => _appliance ?? throw new InvalidOperationException("the benchmark's setup has not built its appliance");

    protected void Build(ApplianceShape shape) =>
        _appliance = CompliantAppliance.CreateAsync(shape, CancellationToken.None).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Dispose()
    {
        _appliance?.Dispose();
        _appliance = null;
        GC.SuppressFinalize(this);
    }
}
