#!/usr/bin/env bash
# npm test: formatting, then every project's type check, lint and tests, on the real devstack servers.
# Extra arguments go to nx (e.g. npm test -- --projects=user-service).
source "$(dirname "$0")/lib.sh"
started=$(date +%s)
rm -f dist/faults/table.txt # written by this run's fault suite, printed after the Jest phase
devstack up > /dev/null # progress (installing, starting, ready) stays on stderr; only the env lines go
node_modules/.bin/prettier --check . --log-level warn
# the topics of earlier runs: kept run after run, they exhaust Kafka's file handles
node_modules/.bin/tsx --tsconfig tsconfig.base.json libs/messaging/src/cli/prune-test-topics.ts
node_modules/.bin/nx run-many -t typecheck lint --outputStyle=static --parallel=2 "$@"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# consumer pact tests first: they write contracts/pacts/, which the providers' verifications (in test) replay
export PACT_DO_NOT_TRACK=true
node_modules/.bin/nx run-many -t pact-consumer --outputStyle=static --parallel=2 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ $# -eq 0 ]; then
  # two lanes: e2e then the fault suite (one Jest worker each, mostly waiting on the services they
  # start), beside every other project's tests two at a time. nx alone would start e2e last (it runs
  # projects nothing depends on last) and leave it running alone for its last thirteen minutes.
  node_modules/.bin/nx run-many -t build --outputStyle=static --parallel=2 || status=1
  lane=$(mktemp)
  trap 'rm -f "$log" "$lane"' EXIT
  echo "[test] e2e and then the fault suite run beside the other tests; their output follows theirs"
  (
    node_modules/.bin/nx run e2e:test --outputStyle=static --excludeTaskDependencies || exit 1
    node_modules/.bin/nx run faults:test --outputStyle=static --excludeTaskDependencies
  ) > "$lane" 2>&1 &
  lane_pid=$!
  node_modules/.bin/nx run-many -t test --exclude=e2e,faults --outputStyle=static --parallel=2 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  wait "$lane_pid" || status=1
  tee -a "$log" < "$lane"
else
  node_modules/.bin/nx run-many -t test --outputStyle=static --parallel=2 "$@" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi
# the fault suite's table (operations, faults, invariants) of this run, which nx's task output leaves out
if [ -f dist/faults/table.txt ]; then echo "[faults] the fault suite's table:"; cat dist/faults/table.txt; fi
# consumer × provider × interaction with each verification just run (what can-i-deploy would answer);
# a run of some projects only (arguments) verifies some providers only, so the matrix is for full runs
if [ $# -eq 0 ]; then node_modules/.bin/nx run pact:matrix --outputStyle=static || status=1; fi
# schemathesis over every service's OpenAPI (e2e/fuzz: its own venv under ~/.cache, fixed seed); a failure fails npm test
node_modules/.bin/nx run e2e:fuzz --outputStyle=static
fuzz_status=$?
[ "$status" -ne 0 ] || status=$fuzz_status
set -e
# one closing line over every project's Jest summary
sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '/^Tests: /{for(i=2;i<=NF;i++){if($(i+1)~/^passed/)p+=$i; if($(i+1)~/^failed/)f+=$i; if($(i+1)~/^skipped/)s+=$i}} END{printf "%d passed, %d failed, %d skipped\n", p, f, s}'
# and the name of every failed test, so a CI log's tail says what broke
sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\s*(FAIL |● .* › )' | sed 's/^\s*/[test] failed: /' | sort -u | head -50 || true
# and the first lines of the first failures' errors (the reason, not only the name)
sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '/^[ \t]*● / && !/● Console/{n++; left=12} n<=5 && left>0 && NF{print "[test] | " $0; left--}' | head -60 || true
echo "[test] done in $(( $(date +%s) - started )) s"
exit "$status"
