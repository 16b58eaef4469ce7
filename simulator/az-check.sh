#!/usr/bin/env bash
# Points a client no one here wrote at the simulator: the Azure CLI with its azure-devops extension (Debian:
# apt-get install azure-cli python3-azext-devops). The extension finds every URL through the location service
# (OPTIONS _apis, _apis/ResourceAreas), so passing here means the simulator's discovery protocol works.
#
#   simulator/az-check.sh                 starts the simulator from the CLI jar (mvn -DskipPlugin -DskipTests install)
#   simulator/az-check.sh http://127.0.0.1:PORT
#                                         uses a running simulator seeded with simulator/az-check-seed.json
#
# Prints PASS or FAIL per flavour and command; exits 0 when all pass, 1 when one fails, 2 when it cannot run.
# Only loopback is ever contacted: az runs with a fresh configuration, no telemetry, and a proxy that does not
# exist for every other host, so a call that tried to leave the machine fails instead.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pat=${AZ_CHECK_PAT:-sim-pat}

if ! command -v az >/dev/null 2>&1; then
  echo "az-check: az not found; install azure-cli and python3-azext-devops" >&2
  exit 2
fi

work=$(mktemp -d)
sim_pid=
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

base=${1:-}
if [ -z "$base" ]; then
  "$here/../cli/bin/ado-workitems" simulator --seed "$here/az-check-seed.json" >"$work/simulator.log" 2>&1 &
  sim_pid=$!
  for _ in $(seq 1 100); do
    base=$(sed -n 's/^ADO simulator listening on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$work/simulator.log")
    [ -n "$base" ] && break
    kill -0 "$sim_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$base" ]; then
    echo "az-check: the simulator did not start:" >&2
    cat "$work/simulator.log" >&2
    exit 2
  fi
fi
case "$base" in
  http://127.0.0.1:*|http://localhost:*) ;;
  *) echo "az-check: refusing $base: only a simulator on loopback (http://127.0.0.1:PORT)" >&2; exit 2 ;;
esac
base=${base%/}

export AZURE_CONFIG_DIR="$work/az" AZURE_DEVOPS_CACHE_DIR="$work/devops-cache"
export AZURE_CORE_COLLECT_TELEMETRY=false AZURE_CORE_NO_COLOR=true AZURE_CORE_ONLY_SHOW_ERRORS=true
export AZURE_DEVOPS_EXT_PAT="$pat"
export HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost
export http_proxy=$HTTP_PROXY https_proxy=$HTTPS_PROXY no_proxy=$NO_PROXY
mkdir -p "$AZURE_CONFIG_DIR" "$AZURE_DEVOPS_CACHE_DIR"

if ! az extension show --name azure-devops >/dev/null 2>&1; then
  echo "az-check: the azure-devops extension of az is not installed (Debian: python3-azext-devops)" >&2
  exit 2
fi

failures=0
LAST=
# check FLAVOUR WHAT EXPECTED -- AZ-ARGUMENTS...: runs az and compares its output with EXPECTED, or matches it
# against a regular expression when EXPECTED starts with '~'. The output is left in LAST.
check() {
  local flavour=$1 what=$2 expected=$3 out ok=
  shift 4
  if out=$(az "$@" 2>"$work/stderr"); then
    out=$(printf '%s' "$out" | tr -d '\r' | sed 's/[[:space:]]*$//')
    if [ "${expected#\~}" != "$expected" ]; then
      [[ $out =~ ${expected#\~} ]] && ok=1
    else
      [ "$out" = "$expected" ] && ok=1
    fi
  fi
  if [ -n "$ok" ]; then
    echo "PASS $flavour: az $what"
  else
    echo "FAIL $flavour: az $what: expected '$expected', got '$out' $(tr '\n' ' ' <"$work/stderr")"
    failures=$((failures + 1))
  fi
  LAST=$out
}

run() {
  local flavour=$1 org=$2 project=$3
  local common=(--org "$org" --detect false)
  local title="az-check $flavour $$-$RANDOM"
  check "$flavour" "devops project list" "$project" -- devops project list "${common[@]}" --query "value[].name" -o tsv
  check "$flavour" "boards work-item create" "~^[0-9]+$" -- boards work-item create "${common[@]}" --project "$project" \
      --type Bug --title "$title" --description "Created by the Azure CLI" --query id -o tsv
  local id=$LAST
  check "$flavour" "boards work-item show" "$title" -- boards work-item show "${common[@]}" --id "$id" \
      --query 'fields."System.Title"' -o tsv
  check "$flavour" "boards work-item update" "Active" -- boards work-item update "${common[@]}" --id "$id" \
      --state Active --discussion "Updated by the Azure CLI" --query 'fields."System.State"' -o tsv
  check "$flavour" "boards query --wiql" "$id	Active" -- boards query "${common[@]}" \
      --wiql "SELECT [System.Id], [System.State] FROM WorkItems WHERE [System.Title] = '$title'" \
      --query '[].[id, fields."System.State"]' -o tsv
}

run Services "$base/demo" Demo
run "Server 2022" "$base/tfs/DefaultCollection" Legacy
run "Server 2019" "$base/tfs/Collection2019" Legacy

if [ "$failures" -gt 0 ]; then
  echo "az-check: $failures check(s) failed against $base" >&2
  exit 1
fi
echo "az-check: all checks passed against $base"
