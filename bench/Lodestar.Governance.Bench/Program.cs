using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Lodestar.Governance.Bench.PiiRedactionBenchmarks).Assembly).Run(args);
