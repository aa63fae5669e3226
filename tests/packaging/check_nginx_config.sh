#!/usr/bin/env bash
# Checks the nginx example: `nginx -t` accepts it (with a throw-away certificate in place of the
# real one), it passes exactly the three webhook paths and the read-only /media/ prefix (the
# pictures Zalo Bot fetches) to the bot, and its body limit equals the bot's default
# http.max_body_bytes. Without nginx or openssl the test is skipped (exit 77).
# Usage: check_nginx_config.sh CONF SCHEMA_SOURCE
set -uo pipefail
conf=$1
schema=$2
status=0

grep -qF 'location ~ ^/webhook/(telegram|zalo|zalo-oa)$ {' "$conf" ||
  { echo "the webhook location is not the three webhook paths" >&2; status=1; }
grep -qF 'location /media/ {' "$conf" && grep -qF 'limit_except GET { deny all; }' "$conf" ||
  { echo "the read-only /media/ location is missing" >&2; status=1; }
[[ $(grep -c 'proxy_pass' "$conf") == 2 ]] ||
  { echo "a location other than the webhooks and /media/ reaches the bot" >&2; status=1; }
limit=$(sed -n 's/.*"http.max_body_bytes", KeyType::integer, "\([0-9]*\)".*/\1/p' "$schema")
[[ $limit == 1048576 ]] && grep -q 'client_max_body_size 1m;' "$conf" ||
  { echo "client_max_body_size does not match http.max_body_bytes ($limit)" >&2; status=1; }

if ! command -v nginx >/dev/null || ! command -v openssl >/dev/null; then
  echo "nginx or openssl not installed: skipping nginx -t"
  exit $((status == 0 ? 77 : status))
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=bot.example.gov.vn \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
sed -e "s#/etc/letsencrypt/live/bot.example.gov.vn/fullchain.pem#$work/cert.pem#" \
  -e "s#/etc/letsencrypt/live/bot.example.gov.vn/privkey.pem#$work/key.pem#" \
  -e "s#/var/log/nginx/#$work/#" "$conf" >"$work/wgbot.conf"
cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http { include $work/wgbot.conf; }
CONF
if ! output=$(nginx -t -p "$work" -c "$work/nginx.conf" 2>&1); then
  echo "nginx -t:" >&2
  echo "$output" >&2
  status=1
fi
exit $status
