// Regenerates the committed reference fixture: token ids and 512-d embeddings from the TF.js
// model for every sentence in sentences.json. Usage: node make-fixtures.js [output.json]
"use strict";
const fs = require("fs");
const path = require("path");
const { loadReference } = require("./reference.js");

const output = process.argv[2] ||
  path.join(__dirname, "../../tests/Lodestar.Models.Tests/Encoders/Fixtures/use-lite-reference.json");

(async () => {
  const { model, backend, tfVersion } = await loadReference();
  const sentences = JSON.parse(fs.readFileSync(path.join(__dirname, "sentences.json"), "utf-8"));
  const cases = [];
  for (const text of sentences) {
    const tokens = model.tokenizer.encode(text);
    // The graph sizes its batch from the largest row index that has a token, so a tokenless
    // input is only embedded when a non-empty row follows it; pair it with a filler row.
    const embedding = tokens.length > 0 ? await model.embed(text) : (await model.embed([text, "x"]))[0];
    cases.push({ text, tokens, embedding: Array.from(embedding, (v) => Math.fround(v)) });
  }
  const fixture = {
    model: "use-lite-0.2.0",
    generator: `tools/encoder-reference/make-fixtures.js (tfjs ${tfVersion}, backend ${backend})`,
    cases,
  };
  fs.writeFileSync(output, JSON.stringify(fixture) + "\n");
  console.log(`wrote ${cases.length} cases to ${output}`);
})().catch((e) => { console.error(e); process.exit(1); });
