#!/usr/bin/env bash
# npm run up: infrastructure, then the six services built and started, until Ctrl-C.
source "$(dirname "$0")/lib.sh"
devstack up
node_modules/.bin/nx run-many -t build --projects='tag:type:app' --outputStyle=static
devstack run-services
