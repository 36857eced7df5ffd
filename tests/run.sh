#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (Debian's postgresql, prometheus,
# docker-compose, chromium, slurm-wlm, munge, iproute2 and iptables), restores, runs every test project and prints "N passed, N failed" as its last line.
# Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~Journal).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The integration tests start private PostgreSQL servers on 127.0.0.1 (tests/scripts/postgres-server.sh), a real
# Prometheus, and check the compose file with docker-compose; report.html is opened in headless Chromium; the Slurm
# tests start a one-node Slurm cluster with munge (tests/scripts/slurm-cluster.sh). They fail, not skip, without them.
missing=()
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
[ -x /usr/bin/docker-compose ] || missing+=(docker-compose)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/slurmctld ] || missing+=(slurm-wlm)
[ -x /usr/sbin/munged ] || missing+=(munge)
# The multi-host tests make network namespaces joined by a bridge (iproute2) and cut a host off with iptables.
[ -x /usr/sbin/ip ] || [ -x /usr/bin/ip ] || missing+=(iproute2)
[ -x /usr/sbin/iptables ] || missing+=(iptables)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "installing the test packages: ${missing[*]}"
  if ! { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; }; then
    echo "could not install ${missing[*]}: install them with apt-get (as root) and run this again"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
# A full-disk test mounts a small tmpfs, the Slurm tests start slurmd and the multi-host tests make network namespaces,
# which need root.
[ "$(id -u)" -eq 0 ] || echo "warning: not root, so the full-disk test cannot mount its tmpfs, the Slurm tests cannot start slurmd and the multi-host tests cannot make their network: they will fail"

dotnet restore SweepCluster.sln || { echo "0 passed, 1 failed"; exit 1; }

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
dotnet test SweepCluster.sln --no-restore --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# CI shows only the end of the output: name each failed test there, with the head of its message.
if [ "$failed" -gt 0 ]; then
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    if command -v python3 >/dev/null; then
      python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
    message = r.findtext(".//t:Message", "", ns).splitlines()
    print("FAILED " + r.get("testName"))
    print("\n".join("  " + line[:300] for line in message[:6]))
    notable = [l for l in message[6:] if any(w in l for w in (" threw ", "Exception (", "Exception:", " stops: ", "Assert."))]
    print("\n".join("  | " + line[:300] for line in notable[:20]))
PY
    else
      grep -o 'testName="[^"]*"[^>]*outcome="Failed"' "$trx" | sed 's/testName="\([^"]*\)".*/FAILED \1/'
    fi
  done
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
