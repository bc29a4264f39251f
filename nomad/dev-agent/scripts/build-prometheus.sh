#!/usr/bin/env bash
# Builds Prometheus WITH Consul service discovery from its Go module (the Go module proxy), because
# Debian bookworm's `prometheus` package is built without it ("Disable Consul SD until its Debian
# package is back in shape", changelog 2.42.0+ds-1) and the dev agent's consul_sd test needs the real
# thing. Idempotent: does nothing when the binary is already there. Needs Go >= 1.21 on PATH.
#
#   nomad/dev-agent/scripts/build-prometheus.sh          # prints the binary's path
#
# The binary goes to ${FOREX_TOOLS_DIR:-$HOME/.cache/forex-mesh/tools}/prometheus-<version>/prometheus,
# outside the checkout so a fresh clone (CI) on the same machine finds it. Built without the web UI
# assets: the HTTP API, which the tests and the console use, is complete.
set -euo pipefail

VERSION="2.54.1"
MODULE_VERSION="v0.54.1" # Prometheus tags its Go module v0.<minor>.<patch>
DEST="${FOREX_TOOLS_DIR:-$HOME/.cache/forex-mesh/tools}/prometheus-${VERSION}"

if [ -x "$DEST/prometheus" ]; then
  echo "$DEST/prometheus"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "build-prometheus: Go is not installed (needs >= 1.21; /usr/local/go/bin/go on our machines)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
echo "build-prometheus: fetching github.com/prometheus/prometheus@${MODULE_VERSION} and building (a few minutes)" >&2
go mod download -json "github.com/prometheus/prometheus@${MODULE_VERSION}" > "$work/download.json"
src="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).Dir)' "$work/download.json")"
cp -r "$src" "$work/src"
chmod -R u+w "$work/src"
mkdir -p "$DEST"
(
  cd "$work/src"
  CGO_ENABLED=0 go build -trimpath \
    -ldflags "-X github.com/prometheus/common/version.Version=${VERSION}" \
    -o "$DEST/prometheus.tmp" ./cmd/prometheus
)
mv "$DEST/prometheus.tmp" "$DEST/prometheus"
echo "$DEST/prometheus"
