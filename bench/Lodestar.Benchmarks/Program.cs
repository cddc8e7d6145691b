using BenchmarkDotNet.Running;
using Lodestar.Benchmarks.Lexical;

// "lexical ..." runs the QPS/latency runner compared against peers; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "lexical")
{
    return LexicalRunner.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(LexicalRunner).Assembly).Run(args);
return 0;
