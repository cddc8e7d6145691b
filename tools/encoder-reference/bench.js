// TF.js reference throughput on the same inputs and batch sizes as bench/encoder (the C# side).
// Usage: node bench.js <inputs.json> <seconds-per-batch-size> [batch sizes, default 1 8 32]
"use strict";
const fs = require("fs");
const { loadReference } = require("./reference.js");

// Same as bench/encoder/Program.cs: p99 needs a few batches even when one outlasts the time box.
const MIN_BATCHES = 3;

(async () => {
  const [inputsPath, secondsArg, ...sizes] = process.argv.slice(2);
  if (!inputsPath || !secondsArg) {
    console.error("usage: node bench.js <inputs.json> <seconds-per-batch-size> [batch sizes]");
    process.exit(2);
  }
  const inputs = JSON.parse(fs.readFileSync(inputsPath, "utf-8"));
  const seconds = Number(secondsArg);
  const batchSizes = sizes.length ? sizes.map(Number) : [1, 8, 32];
  const { model, backend } = await loadReference();
  await model.embed(inputs.slice(0, 32));

  for (const batchSize of batchSizes) {
    const latencies = [];
    let embedded = 0;
    let next = 0;
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
    while (elapsed() < seconds || latencies.length < MIN_BATCHES) {
      const batch = [];
      for (let i = 0; i < batchSize; i++) batch.push(inputs[next++ % inputs.length]);
      const t = process.hrtime.bigint();
      await model.embed(batch);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      embedded += batchSize;
    }
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)];
    console.log(JSON.stringify({
      engine: `tfjs-${backend}`,
      batch: batchSize,
      sentencesPerSecond: Math.round((embedded / elapsed()) * 10) / 10,
      sentencesPerCpuSecond: Math.round((embedded / cpuSeconds) * 10) / 10,
      p99Ms: Math.round(p99 * 100) / 100,
      batches: latencies.length,
    }));
  }
})().catch((e) => { console.error(e); process.exit(1); });
