using CloudSharkHardening.Benchmarks;

// bench/run drives this program; the README's Benchmarks section says what each part measures.
//   in-process RESULTS_DIR [--quick]     BenchmarkDotNet, writes RESULTS_DIR/in-process.json
//   report RESULTS_DIR [--readme FILE]   joins the parts, prints the table, writes latest.json and latest.md
var time = TimeProvider.System;
return args switch
{
    ["in-process", var results, .. var rest] when rest.All(a => a == "--quick") => InProcessCommand.Run(results, rest.Length > 0, time),
    ["report", var results] => ReportCommand.Run(results, null, time),
    ["report", var results, "--readme", var readme] => ReportCommand.Run(results, readme, time),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CloudSharkHardening.Benchmarks in-process RESULTS_DIR [--quick] | report RESULTS_DIR [--readme FILE]");
    return 64;
}
