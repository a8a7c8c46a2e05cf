#!/usr/bin/env bash
# Deployment drill on loopback: 2 Atlas replicas behind nginx with sticky sessions.
# ATLAS_DEMO_SWEEP=1 (make load) adds the load test's saturation sweep through nginx.
# Installs nginx if missing (apt-get, without starting Debian's default site), starts two
# replicas and nginx on free 127.0.0.1 ports, drives sessions through nginx, stops one
# replica, shows that new sessions still work, and cleans up everything it started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
SESSIONS="${SESSIONS:-8}"
WORK="$(mktemp -d /tmp/atlas-deploy-demo.XXXXXX)"
PIDS=()
NGINX_PID=""

log() { printf '\n== %s\n' "$*"; }

cleanup() {
  set +e
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null
  fi
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null; fi
  done
  rm -rf "$WORK"
  echo "cleaned up: nginx, replicas and $WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # exit runs the EXIT trap once

install_nginx() {
  command -v nginx >/dev/null && return
  log "installing nginx (apt-get; Debian's default site is not started)"
  local policy=/usr/sbin/policy-rc.d added=""
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; added=1
  fi
  apt-cache show nginx-light >/dev/null 2>&1 || apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null
  [[ -n $added ]] && rm -f "$policy"
  command -v nginx >/dev/null
}

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_healthy() {  # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1/_stcore/health" 2>/dev/null; do
    (( SECONDS < deadline )) || { echo "not healthy: $1"; return 1; }
    sleep 0.3
  done
}

install_nginx
nginx -v

PORT_A="$(free_port)"; PORT_B="$(free_port)"; PROXY_PORT="$(free_port)"
# One secret for every replica: the XSRF cookie (and st.login's cookie) must verify on all.
export MALLOC_ARENA_MAX=2  # as in deploy/atlas@.service
export STREAMLIT_SERVER_COOKIE_SECRET="$("$PY" -c 'import secrets; print(secrets.token_hex(32))')"

log "starting replicas on 127.0.0.1:$PORT_A and 127.0.0.1:$PORT_B"
for port in "$PORT_A" "$PORT_B"; do
  (cd "$ROOT" && exec "$PY" -m streamlit run serve.py --server.port "$port" \
     --server.address 127.0.0.1 --server.headless true >"$WORK/replica-$port.log" 2>&1) &
  PIDS+=("$!")
done
wait_healthy "http://127.0.0.1:$PORT_A" 90
wait_healthy "http://127.0.0.1:$PORT_B" 90

log "starting nginx on 127.0.0.1:$PROXY_PORT"
mkdir -p "$WORK/tmp"/{body,proxy,fastcgi,uwsgi,scgi}
chmod 755 "$WORK"; chmod -R 1777 "$WORK/tmp"
upstreams="    server 127.0.0.1:$PORT_A max_fails=1 fail_timeout=30s;
    server 127.0.0.1:$PORT_B max_fails=1 fail_timeout=30s;"
# The demo adds a header naming the replica, so the drill can show who served what.
"$PY" - "$ROOT/deploy/nginx-atlas.conf.template" "$WORK/atlas.conf" <<EOF
import sys
text = open(sys.argv[1]).read()
for key, value in {
    "@UPSTREAM_SERVERS@": """$upstreams""",
    "@LISTEN@": "127.0.0.1:$PROXY_PORT",
    "@SERVER_NAME@": "127.0.0.1 localhost",
    "@DEBUG_UPSTREAM_HEADER@": "add_header X-Atlas-Upstream \$upstream_addr always;",
}.items():
    text = text.replace(key, value)
open(sys.argv[2], "w").write(text)
EOF
sed "s#@PREFIX@#$WORK#g" "$ROOT/deploy/nginx-demo.conf.template" > "$WORK/nginx.conf"
nginx -t -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' 2>&1 | tail -1
nginx -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' &
NGINX_PID="$!"
wait_healthy "http://127.0.0.1:$PROXY_PORT" 20
PROXY="http://127.0.0.1:$PROXY_PORT"

log "1. $SESSIONS sessions through nginx with both replicas up (expect both to serve)"
"$PY" "$ROOT/scripts/deploy_check.py" --base "$PROXY" --sessions "$SESSIONS" \
  --expect-upstreams 2 --browser
big=$(head -c 53477376 /dev/zero | curl -s -o /dev/null -w '%{http_code}' -X PUT \
  --data-binary @- "$PROXY/_stcore/upload_file/x/y")
echo "  a 51 MB upload at the proxy: HTTP $big (413 = refused before any replica sees it)"

if [[ -n "${ATLAS_DEMO_SWEEP:-}" ]]; then
  log "1b. saturation sweep through nginx, 2 replicas (scripts/loadtest.py --only sweep)"
  mkdir -p "$ROOT/artifacts"
  "$PY" "$ROOT/scripts/loadtest.py" --base "$PROXY" --pids "${PIDS[@]}" --only sweep \
    --out "$ROOT/artifacts/loadtest-2-replicas.json"
fi

log "2. stopping replica 127.0.0.1:$PORT_A (pid ${PIDS[0]})"
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true
curl -fsS -o /dev/null "http://127.0.0.1:$PORT_A/_stcore/health" 2>/dev/null \
  && { echo "replica A still answers"; exit 1; } || echo "  replica A is down"

log "3. $SESSIONS new sessions through nginx (expect all on 127.0.0.1:$PORT_B, 0 errors)"
"$PY" "$ROOT/scripts/deploy_check.py" --base "$PROXY" --sessions "$SESSIONS" \
  --expect-upstreams 1 --browser

log "nginx error log (connection refused to the stopped replica is expected)"
grep -c "connect() failed" "$WORK/error.log" | sed 's/^/  refused upstream connects logged: /' || true
log "deploy demo: PASS"
