#!/usr/bin/env bash
# One command: installs what the tests need, starts the daemons, runs unit, integration and browser tests.
set -uo pipefail
cd "$(dirname "$0")/.."
# One run at a time per machine: the tests' labs, ports and subnets are fixed per test file, so two runs
# (two clones, say) side by side would tear down each other's labs. A second run waits for the first.
exec 9>/run/ovs-lab-tests.lock
if ! flock -n 9; then
  echo "another ovs-lab test run is in progress on this machine (lock /run/ovs-lab-tests.lock); waiting for it to end"
  flock 9
fi
OVSLAB_WITH_BROWSER=1 bash scripts/install-deps.sh || exit 1
node --import tsx scripts/ensure-daemons.ts || exit 1

passed=0; failed=0; status=0
last_number() { # last match of a Perl regex in a log, or 0
  local n; n=$(grep -aoP "$1" "$2" | tail -1); echo "${n:-0}"
}
sum_matches() { # the sum of every match of a Perl regex in a log (a layer may run node:test more than once)
  grep -aoP "$1" "$2" | awk '{ s += $1 } END { print s + 0 }'
}
count_node() { # the spec reporter's closing lines: "ℹ pass N" / "ℹ fail N"
  passed=$((passed + $(sum_matches '^ℹ pass \K\d+' "$1")))
  failed=$((failed + $(sum_matches '^ℹ fail \K\d+' "$1")))
}
run_layer() {
  local name=$1; shift
  local log="/tmp/ovs-lab-test-$name.log"
  echo "== $name tests"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  [ "$rc" = 0 ] || status=1
  return 0
}

npm run lint || { echo "lint failed (eslint, layer rules or typecheck)"; status=1; }
run_layer unit bash scripts/run-node-tests.sh unit; count_node /tmp/ovs-lab-test-unit.log
run_layer integration bash scripts/run-node-tests.sh integration; count_node /tmp/ovs-lab-test-integration.log
if [ -f playwright.config.ts ]; then
  run_layer e2e npx playwright test --reporter=list
  passed=$((passed + $(last_number '^\s*\K\d+(?= passed)' /tmp/ovs-lab-test-e2e.log)))
  failed=$((failed + $(last_number '^\s*\K\d+(?= failed)' /tmp/ovs-lab-test-e2e.log)))
fi

echo
echo "tests: $passed passed, $failed failed"
[ "$failed" = 0 ] || status=1
exit $status
