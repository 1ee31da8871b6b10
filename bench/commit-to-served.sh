#!/usr/bin/env bash
# Benchmark (not a test): commit → served. With ~1 000 certificates stored, replaces the certificate of one name
# through the REST API (PUT /certgate/api/v1/certificates/{id}) while a client loops on full handshakes for that
# name, and measures the time from the PUT's 200 (the change has committed) to the end of the first handshake that
# serves the new certificate's fingerprint; BENCH_ROUNDS rounds (default 30), p50/p95/max. Target: ≤ 1 s.
# (CommitToServed.java in bench/gateway has the details of what is measured.)
#
# Uses: MariaDB at 127.0.0.1:3306 (root, no password), a fresh database and user certgate_c2s (dropped at the end), a
# private copy of the built server and EAR (bin/lib.sh certgate_copy_built) with port offset 500 (HTTP 8580,
# management 10490, gateway HTTPS 9943 and HTTP 9980, WildFly's own HTTPS 8943), all on 127.0.0.1. The stored
# certificates are BENCH_CERTS (default 1 000) ECDSA P-256 leaves e1..eN.bench.test made by CertGen (cached under
# bench/gateway/target/certs) and uploaded through the REST API by Upload, as an operator would. Everything it starts
# is stopped, and the database dropped, however it ends.
#
#   bench/commit-to-served.sh                      # 1 000 certificates, 30 rounds
#   BENCH_CERTS=100 BENCH_ROUNDS=20 bench/commit-to-served.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bin/lib.sh"
# The benchmark's backend listens on loopback, which a backend may be only when an admin allows it.
export CERTGATE_SERVER_OPTS="${CERTGATE_SERVER_OPTS:-} -Dcertgate.gateway.backends.allow-local=true"

certs_n=${BENCH_CERTS:-1000} rounds=${BENCH_ROUNDS:-30}
[[ "$certs_n" =~ ^[0-9]+$ ]] && ((certs_n >= 1 && certs_n <= 20000)) || { echo "BENCH_CERTS: 1..20000" >&2; exit 2; }
[[ "$rounds" =~ ^[0-9]+$ ]] && ((rounds >= 1 && rounds <= 1000)) || { echo "BENCH_ROUNDS: 1..1000" >&2; exit 2; }
offset=500 http_port=8580 gw_https=9943
db=certgate_c2s
tools=$root/bench/gateway
work=$root/bench/target/commit-to-served
certs=$tools/target/certs
server=$work/wildfly
wildfly_pid_file=$work/wildfly.pid
standalone_pid= db_created=
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

log() { printf '[c2s %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
    local rc=$?
    trap - EXIT
    certgate_stop_server "$wildfly_pid_file" "$standalone_pid"
    if [[ -n "$db_created" ]]; then
        certgate_db_drop "$db" || echo "c2s: could not drop $db" >&2
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 143' INT TERM

# --- 0. Preconditions -------------------------------------------------------------------------------------------
mariadb --protocol=TCP -h127.0.0.1 -P3306 -uroot -e 'SELECT 1' >/dev/null 2>&1 \
    || { echo "c2s: no MariaDB at 127.0.0.1:3306" >&2; exit 1; }
for port in $http_port 10490 $gw_https 9980 8943; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "c2s: port $port is in use (a previous run still up?)" >&2; exit 1
    fi
done
mkdir -p "$work"

# --- 1. The tools (bench/gateway) and the certificates -------------------------------------------------------------
log "building bench/gateway (mvn package)"
mvn -q -B -f "$tools/pom.xml" package >"$work/mvn.log" 2>&1 || { tail -30 "$work/mvn.log" >&2; exit 1; }
cp="$tools/target/classes:$(cat "$tools/target/classpath.txt")"
"$java" -cp "$cp" dev.certgate.bench.gateway.CertGen "$certs" "$certs_n" ec

# --- 2. A private server with its own database, an operator for the REST calls -----------------------------------
certgate_copy_built "$root" "$work"
rm -rf "$work/data" "$certs/ec/ids.txt" "$certs"/ec/*.name   # ids of an earlier server mean nothing here
db_password=$(openssl rand -hex 16)
db_created=1
certgate_db_create "$db" "$db_password"
certgate_configure_datasource "$server" mariadb
certgate_deploy "$server" "$work/certgate.ear"
user=bench-operator password=$(openssl rand -hex 12)
certgate_add_user "$server" "$work/data" "$user" "$password" operator
export CERTGATE_DB_URL=jdbc:mariadb://127.0.0.1:3306/$db CERTGATE_DB_USER=$db CERTGATE_DB_PASSWORD=$db_password
log "starting WildFly (HTTP $http_port, gateway HTTPS $gw_https)"
certgate_start_server "$server" "$work/data" $offset "$wildfly_pid_file" "$work/wildfly-console.log"
standalone_pid=$certgate_server_pid
if ! certgate_wait_deployed "$server" certgate.ear 300 \
    "http://$user:$password@127.0.0.1:$http_port/certgate/api/v1/certificates?size=1"; then
    tail -50 "$server/standalone/log/server.log" >&2
    exit 1
fi

# --- 3. ~1 000 certificates stored, then the rounds ----------------------------------------------------------------
log "uploading $certs_n certificates through the REST API"
"$java" -cp "$cp" dev.certgate.bench.gateway.Upload "http://127.0.0.1:$http_port" "$user:$password" - - \
    "$certs/ec:$certs_n"
log "measuring: $rounds rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))"
{
    echo "== commit → served, $(date -u '+%Y-%m-%d %H:%M UTC'): $certs_n certificates stored (+1 replaced)," \
        "$(nproc) CPUs (shared), server on $("$java" -version 2>&1 | head -1)"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$java" -cp "$cp" dev.certgate.bench.gateway.CommitToServed "http://127.0.0.1:$http_port" "$user:$password" \
        "$gw_https" replaced.c2s.bench.test "$rounds"
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "server log (snapshot rebuilds during the rounds, last 3):"
    grep CERTGATE-3004 "$server/standalone/log/server.log" | tail -3
} | tee "$work/results.txt"
