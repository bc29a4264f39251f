#!/usr/bin/env bash
# Installs what forex-mesh needs from outside npm: pnpm (through npm) and Debian packages
# (Chromium for browser tests, Prometheus for observability). Idempotent; safe to run again.
set -euo pipefail

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "12.4.2" ]; then
  echo "setup: installing pnpm 12.4.2 through npm"
  npm install -g pnpm@12.4.2 >/dev/null
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "setup: need root (or sudo) to apt-get install: ${missing[*]}" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: apt-get install ${missing[*]}"
  # Keep Debian's init scripts from starting a system Prometheus on :9090 during the install.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    created_policy=1
  fi
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  [ "$created_policy" -eq 1 ] && $sudo rm -f "$policy"
  # A system Prometheus started anyway would hold :9090; ours runs as a Nomad job.
  $sudo pkill -x prometheus 2>/dev/null || true
fi
# Debian's prometheus is built without Consul service discovery; the consul_sd compatibility test of
# the dev agent needs the real thing, so build upstream Prometheus from its Go module once (cached
# outside the checkout, a few minutes the first time). Go ships on our machines.
if command -v go >/dev/null 2>&1 || [ -x /usr/local/go/bin/go ]; then
  PATH="$PATH:/usr/local/go/bin" bash "$(dirname "$0")/../nomad/dev-agent/scripts/build-prometheus.sh" >/dev/null
else
  echo "setup: Go is not installed, so Prometheus with Consul SD cannot be built; the dev agent's consul_sd test will fail" >&2
fi
echo "setup: system dependencies ready"
