#!/usr/bin/env bash
# npm run down: stops a stack left running by `npm run up` (services, then servers).
source "$(dirname "$0")/lib.sh"
devstack stop-services
devstack down
