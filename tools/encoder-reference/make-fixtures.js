// Regenerates the committed reference fixture: token ids and 512-d embeddings from the TF.js
// model for every sentence in sentences.json. Usage: node make-fixtures.js [output.json]
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const { loadReference } = require("./reference.js");

// Every code point alone, then base letters with pairs of combining marks in both orders and
// Hangul jamo sequences; NfkcTests.cs builds the same probe and compares the digest.
function nfkcProbeSha256() {
  const probes = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp < 0xd800 || cp > 0xdfff) probes.push(String.fromCodePoint(cp));
  }
  const bases = "AEIOUaeiouCcNnSsZz\u0391\u03a9\u03b1\u03c9\u0418\u0438\u0415\u0435";
  const marks = [0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308, 0x309, 0x30a, 0x30b, 0x30c, 0x30f,
    0x31b, 0x323, 0x324, 0x325, 0x327, 0x328, 0x32d, 0x331, 0x345];
  for (const base of bases) {
    for (const first of marks) {
      for (const second of marks) probes.push(base + String.fromCodePoint(first, second));
    }
  }
  for (let lead = 0x1100; lead < 0x1113; lead++) {
    for (let vowel = 0x1161; vowel < 0x1176; vowel += 4) {
      probes.push(String.fromCodePoint(lead, vowel), String.fromCodePoint(lead, vowel, 0x11a8 + (lead % 27)));
    }
  }
  const joined = probes.map((p) => p.normalize("NFKC")).join("\n");
  return crypto.createHash("sha256").update(joined, "utf8").digest("hex");
}

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
    generator: `tools/encoder-reference/make-fixtures.js (tfjs ${tfVersion}, backend ${backend}, ICU ${process.versions.icu})`,
    nfkcProbeSha256: nfkcProbeSha256(),
    cases,
  };
  fs.writeFileSync(output, JSON.stringify(fixture) + "\n");
  console.log(`wrote ${cases.length} cases to ${output}`);
})().catch((e) => { console.error(e); process.exit(1); });
