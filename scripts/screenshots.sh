#!/usr/bin/env bash
# npm run screenshots: the browser suite (e2e/test/web) against the whole system, saving a full-page PNG
# of each main page (1280×800 viewport) to docs/screenshots, the pictures the README shows.
source "$(dirname "$0")/lib.sh"
ensure_npm_packages
devstack up > /dev/null
export SCREENSHOT_DIR="${SCREENSHOT_DIR:-$PWD/docs/screenshots}"
mkdir -p "$SCREENSHOT_DIR"
# the e2e target builds the six services and the web app first
node_modules/.bin/nx run e2e:test --outputStyle=static --testFile=e2e/test/web/web.e2e.spec.ts
echo "[screenshots] $(ls "$SCREENSHOT_DIR"/*.png | wc -l) pictures in $SCREENSHOT_DIR"
