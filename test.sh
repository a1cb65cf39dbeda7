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
# The PostgreSQL tests make their own throw-away cluster on loopback with these binaries.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# The load-balancer test puts Debian's nginx in front of two instances.
[ -x /usr/sbin/nginx ] || missing+=(nginx)
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

# The PostgreSQL pass: the tests that touch the database, again, on a throw-away cluster on loopback (each app or Core
# host gets its own database there; see Tests/Support/TestDatabase.cs). It runs beside the main pass, the tests and the
# PostgreSQL server both at the lowest CPU priority, on the time the browser journeys spend waiting.
pg_dir=$(mktemp -d /tmp/cp-pg-suite.XXXXXX)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
pg_run=()
if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; pg_run=(runuser -u postgres --); fi
# Test servers take ports below the kernel's range for outgoing connections, each pass in its own band
# (Tests/Support/PortalAppFactory.FreePort); PostgreSQL's port is below both.
pg_port=$((15000 + RANDOM % 4000))
pg_status=1
if "${pg_run[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U portal --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null &&
   nice -n 19 "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 start -o \
     "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" >/dev/null; then
  CP_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=portal" CP_TEST_PORTS=26400-32700 \
    nice -n 19 dotnet test CustomerPortal.Tests/CustomerPortal.Tests.csproj -c Release --no-build \
    --filter '(Kind!=Browser|Database=Both)&Database!=SqliteOnly&Database!=OwnServer' \
    --logger "trx;LogFileName=postgresql.trx" --results-directory "$results" > "$results/postgresql.log" 2>&1 &
  pg_pid=$!
else
  echo "PostgreSQL did not start: see $pg_dir/server.log" >&2
  pg_pid=""
fi

CP_TEST_PORTS=20000-26399 dotnet test CustomerPortal.Tests/CustomerPortal.Tests.csproj -c Release --no-build \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" --results-directory "$results" \
  2>&1 | tee "$results/main.log"
status=${PIPESTATUS[0]}

if [ -n "$pg_pid" ]; then
  wait "$pg_pid"
  pg_status=$?
  grep -E '^(Passed|Failed)!' "$results/postgresql.log" | sed 's/^/PostgreSQL pass: /'
fi

# Each failed test with the start of its message, last, where a reader of only the output's end sees them.
failures() {
  awk -v pass="$2" '/^ +Failed CustomerPortal[.]/{n=8} /^ +Stack Trace:/{n=0} n>0{print pass ": " $0; n--}' "$1" 2>/dev/null
}
failures "$results/main.log" "Main pass"
failures "$results/postgresql.log" "PostgreSQL pass"
# A browser test that waited in vain often did so on a circuit that had died: the apps' own words on it, when something failed.
if grep -qE '^ +Failed CustomerPortal[.]' "$results/main.log" 2>/dev/null; then
  # A closed page's cancelled JS call is logged the same way on every run; those are left out.
  awk 'function flush() { if (buf != "" && buf !~ /TaskCanceledException|JSDisconnectedException/ && shown++ < 6) printf "%s", buf; buf = "" }
       /^fail: Microsoft[.]AspNetCore[.]Components/ { flush(); n = 4 }
       n > 0 { buf = buf "Circuit error: " substr($0, 1, 240) "\n"; n-- }
       END { flush() }' "$results/main.log"
fi
[ -n "$pg_bin" ] && [ -d "$pg_dir/data" ] && "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
rm -rf "$pg_dir"

# A browser journey of the main pass that failed (at most 6 of them) is run once more on its own, now that the machine
# is quiet; one that passes then counts as passed and is named below as flaky, so it is not forgotten. A failure
# outside the browser journeys, or more than 6, is never run again.
failed_names() { grep -o '<UnitTestResult [^>]*outcome="Failed"' "$1" 2>/dev/null | sed -n 's/.* testName="\([^"]*\)".*/\1/p' | sort -u; }
passed_names() { grep -o '<UnitTestResult [^>]*outcome="Passed"' "$1" 2>/dev/null | sed -n 's/.* testName="\([^"]*\)".*/\1/p' | sort -u; }
recovered=0
if [ "$status" -ne 0 ] && [ -f "$results/results.trx" ]; then
  mapfile -t first_failures < <(failed_names "$results/results.trx")
  if [ "${#first_failures[@]}" -gt 0 ] && [ "${#first_failures[@]}" -le 6 ]; then
    methods=$(printf '%s\n' "${first_failures[@]}" | sed 's/(.*//' | sort -u | sed 's/^/FullyQualifiedName=/' | paste -sd'|')
    echo "Running the failed browser journeys once more on their own: ${methods//FullyQualifiedName=/}"
    dotnet test CustomerPortal.Tests/CustomerPortal.Tests.csproj -c Release --no-build --filter "Kind=Browser&($methods)" \
      --logger "trx;LogFileName=again.trx" --results-directory "$results" > "$results/again.log" 2>&1
    mapfile -t flaky < <(comm -12 <(printf '%s\n' "${first_failures[@]}") <(passed_names "$results/again.trx"))
    recovered=${#flaky[@]}
    for name in "${flaky[@]}"; do echo "Flaky (failed in the main pass, passed on its own): $name"; done
    [ "$recovered" -eq "${#first_failures[@]}" ] && status=0
  fi
fi

# Adds one trx file's counters to passed/failed; a missing file is one failure.
passed=0
failed=0
count() {
  local trx="$1" p f e
  if [ ! -f "$trx" ]; then failed=$(( failed + 1 )); return; fi
  p=$(grep -o '<Counters [^>]*' "$trx" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(grep -o '<Counters [^>]*' "$trx" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  e=$(grep -o '<Counters [^>]*' "$trx" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
  passed=$(( passed + ${p:-0} ))
  failed=$(( failed + ${f:-0} + ${e:-0} ))
}
count "$results/results.trx"
count "$results/postgresql.trx"
passed=$(( passed + recovered ))
failed=$(( failed - recovered ))
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
[ "$pg_status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "Screenshots: CustomerPortal.Tests/bin/Release/net10.0/screenshots"
echo "tests: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
