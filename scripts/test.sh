#!/usr/bin/env bash
# npm test: every project's type check, lint and tests, on the real devstack servers.
# Extra arguments go to nx (e.g. npm test -- --projects=user-service).
source "$(dirname "$0")/lib.sh"
started=$(date +%s)
devstack up > /dev/null
node_modules/.bin/nx run-many -t typecheck lint --outputStyle=static --parallel=2 "$@"
node_modules/.bin/nx run-many -t test --outputStyle=static --parallel=2 "$@"
echo "[test] all green in $(( $(date +%s) - started )) s"
