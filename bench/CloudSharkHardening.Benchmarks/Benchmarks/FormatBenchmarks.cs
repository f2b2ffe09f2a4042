using BenchmarkDotNet.Attributes;
using CloudSharkHardening.Benchmarks.Inputs;

namespace CloudSharkHardening.Benchmarks.Benchmarks;

/// <summary>Parse then render of each format the rules edit, at a real file's size and at 100 times it.</summary>
public class FormatBenchmarks
{
    private Func<string, string> _roundTrip = null!;
    private string _text = "";

    public static IEnumerable<string> Formats => FormatSample.All.Select(f => f.Name);

    [ParamsSource(nameof(Formats))]
    public string Format { get; set; } = "";

    [Params(1, 100)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sample = FormatSample.Named(Format);
        _roundTrip = sample.RoundTrip;
        _text = sample.Scaled(Size);
        if (_roundTrip(_text) != _text)
        {
            throw new InvalidOperationException($"{Format} does not round-trip its sample; the benchmark would measure a broken parser");
        }
    }

    [Benchmark]
    public string ParseRender() => _roundTrip(_text);
}
