// Loads the TF.js reference (the @energetic-ai/embeddings tokenizer + graph model on the bundled
// TF.js backend) from the Lodestar model cache, so every script measures the same thing.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const core = require("@energetic-ai/core");
const { initModel } = require("@energetic-ai/embeddings");

function modelDirectory() {
  const root = process.env.LODESTAR_MODEL_CACHE || path.join(os.homedir(), ".cache", "lodestar", "models");
  const dir = path.join(root, "use-lite-0.2.0");
  if (!fs.existsSync(path.join(dir, "model.json"))) {
    throw new Error(`model not found in ${dir}; run scripts/fetch-model.sh first`);
  }
  return dir;
}

async function loadReference() {
  const dir = modelDirectory();
  const model = await initModel(async () => ({
    model: await core.loadGraphModel(`file://${dir}/model.json`),
    vocabulary: JSON.parse(fs.readFileSync(path.join(dir, "vocab.json"), "utf-8")),
  }));
  return { model, backend: core.getBackend(), tfVersion: core.version_core || "bundled" };
}

module.exports = { loadReference, modelDirectory };
