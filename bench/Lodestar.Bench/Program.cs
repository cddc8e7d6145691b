using BenchmarkDotNet.Running;
using Lodestar.Bench.Encoder;
using Lodestar.Bench.Governance;
using Lodestar.Bench.Lexical;
using Lodestar.Bench.Mlops;
using Lodestar.Bench.Observability;
using Lodestar.Bench.Serving;
using Lodestar.Bench.Vectors;

// One entry point for every area's benchmarks: peer-comparison runners print JSON lines or key=value rows, the rest
// are BenchmarkDotNet micro benchmarks (the arguments after the area go to BenchmarkDotNet).
const string Usage = """
    usage: Lodestar.Bench lexical --dataset DIR [--k 10] [--repeat 3]
           Lodestar.Bench vectors hnsw DATA_DIR [--m 16] [--ef-construction 200] [--ef 8,16,32,64,128] [--int8] [--rescore 20,40]
           Lodestar.Bench vectors flat DATA_DIR [--queries 200]
           Lodestar.Bench vectors index DATA_DIR INDEX_DIR [--int8] [--traversal float|int8] [--ef 8,16,32,64,128] [--rescore 2,4]
           Lodestar.Bench mlops DATA_DIR dataset [dataset ...]
           Lodestar.Bench encoder INPUTS.json SECONDS_PER_BATCH_SIZE [batch sizes, default 1 8 32]
           Lodestar.Bench serving ceiling URL | serving lodestar DATA_DIR URL KEY_FILE
           Lodestar.Bench gbdt-scoring [rounds=9]
           Lodestar.Bench observability SCIFACT_DIR [docs=1000] [seconds=1] [rounds=15]
           Lodestar.Bench governance|micro [BenchmarkDotNet args, e.g. --filter '*Pii*' --job short]
    """;

return args.Length == 0 ? Fail() : args[0] switch
{
    "lexical" => LexicalRunner.Run(args[1..]),
    "vectors" => VectorsRunner.Run(args[1..]),
    "mlops" => await MlopsRunner.RunAsync(args[1..]),
    "encoder" => EncoderRunner.Run(args[1..]),
    "serving" => await ServingHosts.RunAsync(args[1..]),
    "gbdt-scoring" => GbdtScoringRunner.Run(args[1..]),
    "observability" => await TelemetryOverheadRunner.RunAsync(args[1..]),
    "governance" => RunMicro(BenchmarkSwitcher.FromTypes([typeof(PiiRedactionBenchmarks), typeof(AuditTrailBenchmarks)]), args[1..]),
    "micro" => RunMicro(BenchmarkSwitcher.FromAssembly(typeof(LexicalRunner).Assembly), args[1..]),
    _ => Fail(),
};

static int RunMicro(BenchmarkSwitcher switcher, string[] rest)
{
    switcher.Run(rest);
    return 0;
}

static int Fail()
{
    Console.Error.WriteLine(Usage);
    return 2;
}
