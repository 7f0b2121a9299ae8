# Shared by the scripts/ entry points: run from the repository root, install npm packages when needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
export NX_DAEMON=${NX_DAEMON:-false} NX_NO_CLOUD=true NX_TUI=false KAFKAJS_NO_PARTITIONER_WARNING=1

# Installs npm packages when node_modules is missing or was installed from another package-lock.json.
# `npm install` (not `npm ci`): it installs the locked tree too, and tolerates what `npm ci` refuses
# here, the registry lacking other platforms' optional binaries (@swc/core-darwin-*, …) at the
# locked versions.
ensure_npm_packages() {
  local want have=""
  # native addons are built for one Node ABI: a new Node major reinstalls too
  want="$(sha256sum package-lock.json | cut -d' ' -f1)-node$(node -p 'process.versions.modules')"
  [ -f node_modules/.installed-lock-sha ] && have=$(cat node_modules/.installed-lock-sha)
  if [ "$want" != "$have" ]; then
    echo "[setup] installing npm packages" >&2
    # a native addon built from source must see this Node's headers, not an ~/.npmrc `nodedir` of an older one
    (
      if [ -n "${PLATFORM_NODE_DIR:-}" ]; then export npm_config_nodedir="$PLATFORM_NODE_DIR"; fi
      npm install --no-audit --no-fund --loglevel=error
    )
    echo "$want" > node_modules/.installed-lock-sha
  fi
}

devstack() {
  node_modules/.bin/tsx --tsconfig tsconfig.base.json libs/devstack/src/cli.ts "$@"
}

ensure_npm_packages
