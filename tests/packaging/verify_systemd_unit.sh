#!/usr/bin/env bash
# Verifies packaging/wgbot.service: the directives the deployment relies on are present, and
# `systemd-analyze verify` accepts the unit without a single warning. The unit is verified as a
# copy that points at the built binary and a temporary environment file. Without systemd-analyze
# the test is skipped (exit 77).
# Usage: verify_systemd_unit.sh UNIT BINARY
set -euo pipefail
unit=$1
binary=$2

status=0
for directive in 'Type=simple' 'Restart=on-failure' 'User=wgbot' 'StateDirectory=wgbot' \
  'EnvironmentFile=/etc/wgbot/wgbot.env' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
  'PrivateTmp=yes' 'ProtectHome=yes' 'KillSignal=SIGTERM' 'ExecReload=/bin/kill -HUP $MAINPID'; do
  if ! grep -qxF "$directive" "$unit"; then
    echo "missing directive: $directive" >&2
    status=1
  fi
done

if ! command -v systemd-analyze >/dev/null; then
  echo "systemd-analyze not installed: skipping verify"
  exit $((status == 0 ? 77 : status))
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
touch "$work/wgbot.env"
sed -e "s#/usr/local/bin/wgbot#$binary#g" -e "s#/etc/wgbot/wgbot.env#$work/wgbot.env#" \
  "$unit" >"$work/wgbot.service"
# verify exits 0 on unknown keys and bad values (it only warns), so any output is a failure.
if ! output=$(cd "$work" && systemd-analyze verify "$work/wgbot.service" 2>&1) || [[ -n $output ]]; then
  echo "systemd-analyze verify:" >&2
  echo "$output" >&2
  status=1
fi
exit $status
