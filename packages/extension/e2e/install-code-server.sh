#!/usr/bin/env bash
# Installs code-server into a tool folder outside the workspace (cached between runs), offline except for the npm
# registry: ripgrep's GitHub download is pre-seeded from Debian's `rg`, node-pty's `npx node-gyp` gets a yes.
# code-server 4.100.3 is the newest release that accepts Node 20; it runs on the system node (see STYLE §4.5).
set -euo pipefail
VERSION=4.100.3
TOOL_DIR="${LATCH_E2E_TOOLS:-$HOME/.cache/latch-e2e}/code-server-$VERSION"
BIN="$TOOL_DIR/node_modules/.bin/code-server"
if [ -x "$BIN" ] && [ -f "$TOOL_DIR/.complete" ]; then echo "$BIN"; exit 0; fi

SYSTEM_NODE="${LATCH_E2E_NODE:-/usr/bin/node}"
RG="$(command -v rg || true)"
[ -n "$RG" ] || { echo "ripgrep (rg) is required: apt-get install -y ripgrep" >&2; exit 1; }
TMP="${TMPDIR:-/tmp}"
CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
mkdir -p "$CACHE"
STAGE="$(mktemp -d)"
cp "$RG" "$STAGE/rg"
tar -czf "$CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$STAGE" rg
rm -rf "$STAGE"

rm -rf "$TOOL_DIR"
mkdir -p "$TOOL_DIR"
cd "$TOOL_DIR"
echo '{ "name": "latch-e2e-code-server", "private": true }' > package.json
start=$(date +%s)
# The system node/npm (Node 20), not the workspace's Node 22: code-server's postinstall checks the major version.
PATH="$(dirname "$SYSTEM_NODE"):$PATH" npm_config_yes=true npm_config_fund=false npm_config_audit=false \
    npm install --unsafe-perm --no-save --loglevel=error "code-server@$VERSION" >&2
touch .complete
echo "code-server $VERSION installed in $(( $(date +%s) - start ))s" >&2
echo "$BIN"
