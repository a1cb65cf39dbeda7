#!/usr/bin/env bash
# Installs what the tests need, builds (warnings are errors, see Directory.Build.props), runs every test and ends with
# one line: "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# The two-instance live-update test runs its own throw-away Redis on loopback.
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root." >&2
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet tool restore >/dev/null || { echo "tests: 0 passed, 1 failed"; exit 1; }
if ! dotnet build CustomerPortal.sln -c Release -nologo -v quiet; then
  echo "Build failed."
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

dotnet test CustomerPortal.Tests/CustomerPortal.Tests.csproj -c Release --no-build \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

trx="$results/results.trx"
if [ -f "$trx" ]; then
  passed=$(grep -o '<Counters [^>]*' "$trx" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  failed=$(grep -o '<Counters [^>]*' "$trx" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  errors=$(grep -o '<Counters [^>]*' "$trx" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
  failed=$(( ${failed:-0} + ${errors:-0} ))
else
  passed=0
  failed=1
fi
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "Screenshots: CustomerPortal.Tests/bin/Release/net10.0/screenshots"
echo "tests: ${passed:-0} passed, ${failed} failed"
[ "$failed" -eq 0 ]
