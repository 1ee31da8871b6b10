#!/usr/bin/env bash
# Benchmark (not a test): certgate's TLS gateway against a bare JSSE server and nginx, on the same machine, the same
# JDK, the same certificate sets, in the same run.
#
# Servers (all on 127.0.0.1, all pinned to core 0 with `taskset -c 0`; the load generator is pinned to core 1):
#   gateway  certgate's gateway in a private copy of the built WildFly (port offset BENCH_PORT_OFFSET, default 600:
#            HTTP 8680, management 10590, gateway HTTPS 10043, HTTP 10080), its own MariaDB database certgate_gwbench (dropped at the end). The
#            certificates go in through the REST API (POST /certgate/api/v1/certificates, HTTP Basic), as an operator
#            would load them; the application "bench" binds every ECDSA name to its certificate, backend below.
#   jsse     bare JSSE (JsseServer.java): SSLServerSocket, one context, SNI key manager over an in-memory map.
#   nginx    Debian's nginx (apt-get install nginx-light), one worker, one server block per name (TLS on :20443).
#   backend  a second nginx on :20080 serving a small static file: the backend both proxies forward keep-alive
#            requests to (gateway and nginx); pinned to core 0 with the servers.
#
# Certificate sets (CertGen.java, cached under target/certs): e1..eN.bench.test, each its own ECDSA P-256 leaf, and
# r1..rN.bench.test, each its own RSA-2048 leaf; every server holds both sets (2N certificates) for each N.
#
# Load generator (pinned to core 1): tlsload (src/main/c/tlsload.c, C on the system's OpenSSL; built here with cc,
# needs libssl-dev), by default: it costs about a third of what the JSSE client (LoadGen.java) does per handshake, so
# the handshake figures measure the servers rather than the client. Same arguments and RESULT line as LoadGen.
#
# Figures, per N (BENCH_NAMES, default "1 100"), each a load generator run of BENCH_WARMUP s + BENCH_SECONDS s measured,
# servers interleaved per figure (gateway, jsse, nginx):
#   hs-ec-1.3 / hs-ec-1.2 / hs-rsa-1.3 / hs-rsa-1.2  full handshakes/s, new connection per request, no resumption,
#       SNI round-robin over the N names, 32 connections; request GET /hs with Host: hs.bench.invalid (no application
#       there: the gateway answers its 404 page itself, nginx and jsse a 3-byte 200 — no proxying in these figures)
#   ka           keep-alive requests/s, 32 connections, Host = SNI name; gateway and nginx proxy to the backend,
#                jsse answers itself (the JVM's ceiling, no proxy)
#   lat-hs-ec    p50/p99 at a fixed open-loop rate of BENCH_RATE_HS (100) TLS 1.3 ECDSA handshakes/s (this load
#                generator tops out at 300-500 full handshakes/s on its one core: 100/s is a moderate rate for it)
#   lat-ka       p50/p99 at a fixed open-loop rate of BENCH_RATE_KA (5000) keep-alive requests/s
# BENCH_ROUNDS (default 1) repeats the whole list of figures, servers still interleaved per figure; the table gives
# each server's median over the rounds and the median of the per-round ratios. Before the first figure of each N every
# server gets BENCH_SERVER_WARMUP (default 20) s of handshakes and as long of keep-alive, not recorded.
# Each figure also reports the server's CPU seconds over the measured window (from /proc, all its processes) and
# requests per server core-second, because the load generator may saturate its core first.
#
#   bench/gateway/run.sh                                  # N = 1 and 100, 10 s per figure
#   BENCH_NAMES="1 1000 10000" BENCH_ROUNDS=3 BENCH_SECONDS=5 BENCH_WARMUP=2 BENCH_STARTUP_ROUNDS=3 \
#       BENCH_UPLOAD_THREADS=16 bench/gateway/run.sh      # the full run of docs/benchmarks.md (about 75 min, most of
#                                                        # it loading 20 000 certificates through the API)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/gateway/run.sh  # the servers (gateway, jsse) on Java 25
#   BENCH_CLIENT=jsse bench/gateway/run.sh                # the JSSE load generator (LoadGen.java) instead of tlsload
#   BENCH_CLIENT_JAVA=java bench/gateway/run.sh          # the JSSE load generator on the default JDK (default: Java 25)
#   BENCH_SKIP="gateway" / BENCH_FIGURES="hs-ec-1.3 ka"    # subsets
#   BENCH_STARTUP_ROUNDS=3                                # restarts of the gateway with the most certificates (default 1)
#   BENCH_JFR=1                                          # a JDK Flight Recording of the gateway per figure (settings=profile,
#                                                        # the measured window only): target/LABEL-nN.jfr (costs it a little CPU)
#
# Probe, separate from this script: openssl-probe.sh runs OpensslServer.java (Undertow + WildFly's OpenSSL engine,
# wildfly-openssl 2.2.5 on the system's libssl, one SSL_CTX per SNI name through Undertow's SNISSLContext) against
# JsseServer and nginx on ports 21443-21445, all answering a 3-byte 200 themselves; needs libwfssl.so from a built
# WildFly (WILDFLY=..., module org.wildfly.openssl) and the certificates CertGen makes. See OpensslServer's comment.
#
# Results: RESULT lines in target/results.txt and a Markdown table on stdout. Everything it starts is stopped and the
# database dropped when it ends, however it ends. Loops are bounded in count and time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/bin/lib.sh"
# The benchmark's backend listens on loopback, which a backend may be only when an admin allows it.
export CERTGATE_SERVER_OPTS="${CERTGATE_SERVER_OPTS:-} -Dcertgate.gateway.backends.allow-local=true"

names_list=${BENCH_NAMES:-"1 100"}
seconds=${BENCH_SECONDS:-10} warmup=${BENCH_WARMUP:-3} conns=${BENCH_CONNS:-32}
rate_hs=${BENCH_RATE_HS:-100} rate_ka=${BENCH_RATE_KA:-5000}
figures=${BENCH_FIGURES:-"hs-ec-1.3 hs-ec-1.2 hs-rsa-1.3 hs-rsa-1.2 ka lat-hs-ec lat-ka"}
skip=${BENCH_SKIP:-}
for n in $names_list; do [[ "$n" =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 20000)) || { echo "BENCH_NAMES: 1..20000" >&2; exit 2; }; done
[[ "$seconds" =~ ^[0-9]+$ ]] && ((seconds >= 1 && seconds <= 120)) || { echo "BENCH_SECONDS: 1..120" >&2; exit 2; }
rounds=${BENCH_ROUNDS:-1} server_warmup=${BENCH_SERVER_WARMUP:-20}
[[ "$rounds" =~ ^[0-9]+$ ]] && ((rounds >= 1 && rounds <= 10)) || { echo "BENCH_ROUNDS: 1..10" >&2; exit 2; }
[[ "$server_warmup" =~ ^[0-9]+$ ]] && ((server_warmup <= 300)) || { echo "BENCH_SERVER_WARMUP: 0..300" >&2; exit 2; }
max_n=$(tr ' ' '\n' <<<"$names_list" | sort -n | tail -1)

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jcmd=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd   # the servers' own JDK's (another JDK's jcmd may not attach)
# The load generator's JVM: Java 25 when installed (its EC and X25519 code costs the client about a third less per
# handshake than Java 17's, and the client's core is the first to run out); the servers use $java.
client_java=${BENCH_CLIENT_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[[ -x "$client_java" ]] || client_java=$java
work=$here/target
certs=$work/certs
server=$work/wildfly
db=certgate_gwbench db_port=3306
offset=${BENCH_PORT_OFFSET:-600}
[[ "$offset" =~ ^[0-9]+$ ]] && ((offset <= 5000)) || { echo "BENCH_PORT_OFFSET: 0..5000" >&2; exit 2; }
http_port=$((8080 + offset)) management_port=$((9990 + offset)) gw_https=$((9443 + offset)) gw_http=$((9480 + offset))
nginx_port=20443 jsse_port=20444 backend_port=20080
wildfly_pid_file=$work/wildfly.pid
standalone_pid= jsse_pid= nginx_pid= backend_pid= db_created=
results=$work/results.txt

sql() { mariadb --protocol=TCP -h127.0.0.1 -P$db_port -uroot "$@"; }
log() { printf '[gwbench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
skipped() { [[ " $skip " == *" $1 "* ]]; }

# stop PID: TERM, wait up to 20 s, then KILL (only processes this script started, by their pid)
stop() {
    local pid=$1
    [[ -n "$pid" ]] || return 0
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT
    stop "$jsse_pid"; stop "$nginx_pid"; stop "$backend_pid"
    certgate_stop_server "$wildfly_pid_file" "$standalone_pid"   # bin/lib.sh
    if [[ -n "$db_created" ]]; then
        certgate_db_drop "$db" || echo "gwbench: could not drop $db" >&2
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 143' INT TERM

# --- 0. Preconditions -------------------------------------------------------------------------------------------
command -v nginx >/dev/null || { echo "gwbench: no nginx; apt-get install -y nginx-light" >&2; exit 1; }
for port in $http_port $management_port $((8443 + offset)) $gw_https $gw_http $nginx_port $jsse_port $backend_port; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "gwbench: port $port is in use (a previous run still up?)" >&2; exit 1
    fi
done
skipped gateway || sql -e 'SELECT 1' >/dev/null 2>&1 || { echo "gwbench: no MariaDB at 127.0.0.1:$db_port" >&2; exit 1; }
mkdir -p "$work"
: >"$results"

# --- 1. The Java tools, and the certificates ---------------------------------------------------------------------
log "building bench/gateway (mvn package)"
mvn -q -B -f "$here/pom.xml" package >"$work/mvn.log" 2>&1 || { tail -30 "$work/mvn.log" >&2; exit 1; }
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
client_kind=${BENCH_CLIENT:-openssl}
if [[ "$client_kind" == openssl ]]; then
    cc -O2 -Wall -o "$work/tlsload" "$here/src/main/c/tlsload.c" -lssl -lcrypto -lpthread -lm \
        || { echo "gwbench: cannot build tlsload (apt-get install -y libssl-dev), or use BENCH_CLIENT=jsse" >&2; exit 1; }
    client=("$work/tlsload")
else
    client=("$client_java" -cp "$cp" dev.certgate.bench.gateway.LoadGen)
fi
log "certificates: $max_n ECDSA P-256 + $max_n RSA-2048 (cached in $certs)"
"$java" -cp "$cp" dev.certgate.bench.gateway.CertGen "$certs" "$max_n"

# --- 2. The backend: nginx serving a small static file ------------------------------------------------------------
# nginx_conf DIR: common top of a config running in DIR in the foreground, one worker, no access log.
nginx_top() {
    cat <<CONF
daemon off;
worker_processes 1;
pid $1/nginx.pid;
error_log $1/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $1/tmp; proxy_temp_path $1/tmp; fastcgi_temp_path $1/tmp;
    uwsgi_temp_path $1/tmp; scgi_temp_path $1/tmp;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
CONF
}
backend_dir=$work/backend
rm -rf "$backend_dir"; mkdir -p "$backend_dir/tmp" "$backend_dir/www"
printf 'certgate gateway benchmark backend: a small static response of about one hundred bytes......\n' \
    >"$backend_dir/www/index.html"
{ nginx_top "$backend_dir"; cat <<CONF
    server {
        listen 127.0.0.1:$backend_port;
        root $backend_dir/www;
        location / { try_files /index.html =404; }
    }
}
CONF
} >"$backend_dir/nginx.conf"
taskset -c 0 nginx -p "$backend_dir" -c "$backend_dir/nginx.conf" -e "$backend_dir/error.log" &
backend_pid=$!

# --- 3. The gateway: a private WildFly copy, its own database, a bench user -----------------------------------------
bench_user=bench-operator bench_password=$(openssl rand -hex 12)
if ! skipped gateway; then
    certgate_copy_built "$root" "$work"   # bin/lib.sh: the built server and EAR, checked
    rm -rf "$work/data" "$certs"/*/ids.txt "$certs"/*/*.name
    db_password=$(openssl rand -hex 16)
    db_created=1
    certgate_db_create "$db" "$db_password"
    certgate_configure_datasource "$server" mariadb
    certgate_deploy "$server" "$work/certgate.ear"
    certgate_add_user "$server" "$work/data" "$bench_user" "$bench_password" operator
    export CERTGATE_DB_URL=jdbc:mariadb://127.0.0.1:$db_port/$db CERTGATE_DB_USER=$db CERTGATE_DB_PASSWORD=$db_password
    log "starting WildFly on core 0 (HTTP $http_port, gateway HTTPS $gw_https)"
    started_at=$(date +%s.%N)
    certgate_start_server "$server" "$work/data" "$offset" "$wildfly_pid_file" "$work/wildfly-console.log" 0
    standalone_pid=$certgate_server_pid
    if ! certgate_wait_deployed "$server" certgate.ear 300 \
        "http://$bench_user:$bench_password@127.0.0.1:$http_port/certgate/api/v1/certificates?size=1"; then
        tail -50 "$server/standalone/log/server.log" >&2
        exit 1
    fi
    log "WildFly up in $(awk -v s="$started_at" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s (empty database)"
    cd "$here"
fi

# heap_used PID: the JVM's heap in use (KiB) right after a full GC (jcmd GC.run, then GC.heap_info): G1 prints one
# "garbage-first heap ... used NK" line; the Serial GC (which the JVM picks when pinned to one core) a "def new
# generation" and a "tenured generation" line, summed here.
heap_used() {
    "$jcmd" "$1" GC.run >/dev/null 2>&1 || return 0
    sleep 1
    "$jcmd" "$1" GC.heap_info 2>/dev/null | awk '/(heap|generation) +total/ { for (i = 1; i <= NF; i++) if ($i == "used") {
        v = $(i + 1); gsub(/[^0-9]/, "", v); sum += v } } END { if (sum > 0) print sum }'
}
heap_base=
if ! skipped gateway && [[ -s "$wildfly_pid_file" ]]; then
    heap_base=$(heap_used "$(cat "$wildfly_pid_file")")
    echo "heap gateway N=0 used_kib=$heap_base" >>"$results"
fi

# --- 4. Per N: load the servers, verify no resumption, measure ---------------------------------------------------
# loadgen LABEL SERVER PORT PIDS ARGS... — one LoadGen run on core 1; its RESULT line goes to $results
loadgen() {
    local label=$1 srv=$2 port=$3 pids=$4; shift 4
    local line
    quiet
    if [[ -n "${BENCH_JFR:-}" && "$srv" == gateway ]]; then  # a flight recording of the measured window
        "$jcmd" "${pids%%,*}" JFR.start name="$label-$n" settings=profile delay="${warmup}s" duration="${seconds}s" \
            filename="$work/$label-n$n.jfr" >/dev/null 2>&1 || log "JFR.start failed"
    fi
    line=$(taskset -c 1 "${client[@]}" port="$port" pids="$pids" \
        conns="$conns" warmup="$warmup" seconds="$seconds" label="$label" "$@" 2>>"$work/loadgen.err" | grep '^RESULT') \
        || { log "loadgen $label $srv failed; see $work/loadgen.err"; return 0; }
    echo "$line server=$srv round=$round busy_before=$machine_busy load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results" >&2
}
# the pids whose CPU counts as the server's (nginx: master and worker; gateway: the WildFly JVM)
nginx_pids() { echo "$nginx_pid$(pgrep -P "$nginx_pid" | sed 's/^/,/' | tr -d '\n')"; }
# busy: the machine's CPU use over the last 2 s, in % of all CPUs (between runs our servers idle: this is others)
busy() {
    local a b
    a=$(head -1 /proc/stat); sleep 2; b=$(head -1 /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x); split(b, y); t = 0; for (i = 2; i <= 9; i++) t += y[i] - x[i];
        idle = (y[5] - x[5]) + (y[6] - x[6]); printf "%.0f", (t > 0 ? 100 * (t - idle) / t : 0) }'
}
# wait (at most ~6 s: others share this machine) for a quiet one: under 15 % busy over 2 s; the last figure goes in the RESULT line
quiet() {
    for _ in 1 2 3; do
        machine_busy=$(busy)
        ((machine_busy < 15)) && return 0
    done
    log "machine still ${machine_busy} % busy (other tenants): measuring anyway"
}
machine_busy=? round=1
wait_port() { for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.5; done; return 1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results"
for n in $names_list; do
    log "== N = $n names per set ($((2 * n)) certificates per server) =="
    # gateway: upload what is missing (ids are kept per set), then the application over the ECDSA names
    if ! skipped gateway; then
        upload_started=$(date +%s.%N)
        "$java" -cp "$cp" dev.certgate.bench.gateway.Upload "http://127.0.0.1:$http_port" "$bench_user:$bench_password" \
            "http://127.0.0.1:$backend_port" "$certs/ec" "$certs/ec:$n" "$certs/rsa:$n"
        log "gateway loaded through the API in $(awk -v s="$upload_started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s"
        if [[ -n "$heap_base" ]]; then
            used=$(heap_used "$(cat "$wildfly_pid_file")")
            echo "heap gateway N=$n certificates=$((2 * n)) used_kib=$used per_certificate_bytes=$(( (used - heap_base) * 1024 / (2 * n) ))" \
                | tee -a "$results" >&2
        fi
    fi
    # jsse: restart with the N + N certificates
    if ! skipped jsse; then
        stop "$jsse_pid"; jsse_pid=
        taskset -c 0 "$java" -cp "$cp" dev.certgate.bench.gateway.JsseServer $jsse_port "$certs/ec:$n" "$certs/rsa:$n" \
            >"$work/jsse-$n.log" 2>&1 &
        jsse_pid=$!
        wait_port $jsse_port || { cat "$work/jsse-$n.log" >&2; exit 1; }
        log "$(head -1 "$work/jsse-$n.log")"
        echo "startup jsse N=$n: $(head -1 "$work/jsse-$n.log")" >>"$results"
    fi
    # nginx: a config with one server block per name (ECDSA and RSA), a default block for Host: hs.bench.invalid
    if ! skipped nginx; then
        stop "$nginx_pid"; nginx_pid=
        ndir=$work/nginx-$n
        rm -rf "$ndir"; mkdir -p "$ndir/tmp"
        {
            nginx_top "$ndir"
            cat <<CONF
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
    ssl_prefer_server_ciphers on;
    log_format reuse '\$ssl_server_name \$ssl_protocol \$ssl_session_reused';
    server_names_hash_max_size 65536;
    server_names_hash_bucket_size 64;
    upstream backend { server 127.0.0.1:$backend_port; keepalive 64; }
    server {
        listen 127.0.0.1:$nginx_port ssl default_server;
        ssl_certificate $certs/ec/1.crt; ssl_certificate_key $certs/ec/1.key;
        location = /verify { access_log $ndir/verify.log reuse; return 200 "ok\n"; }
        location / { return 200 "ok\n"; }
    }
CONF
            for set in ec:e rsa:r; do
                for ((i = 1; i <= n; i++)); do
                    printf '    server { listen 127.0.0.1:%s ssl; server_name %s%d.bench.test; ssl_certificate %s/%d.crt; ssl_certificate_key %s/%d.key;\n        location = /verify { access_log %s/verify.log reuse; return 200 "ok\\n"; }\n        location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; } }\n' \
                        "$nginx_port" "${set#*:}" "$i" "$certs/${set%:*}" "$i" "$certs/${set%:*}" "$i" "$ndir"
                done
            done
            echo "}"
        } >"$ndir/nginx.conf"
        started_at=$(date +%s.%N)
        taskset -c 0 nginx -p "$ndir" -c "$ndir/nginx.conf" -e "$ndir/error.log" &
        nginx_pid=$!
        wait_port $nginx_port || { cat "$ndir/error.log" >&2; exit 1; }
        log "nginx serving $((2 * n)) certificates after $(awk -v s="$started_at" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}') s"
        echo "startup nginx N=$n certificates=$((2 * n)) process_to_listening_s=$(awk -v s="$started_at" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}')" >>"$results"
        # no resumption: 2 s of new connections to /verify (SNI over all names); nginx logs $ssl_session_reused
        for proto in TLSv1.3 TLSv1.2; do
            taskset -c 1 "${client[@]}" port=$nginx_port names=e n="$n" \
                mode=handshake proto=$proto conns=8 warmup=0 seconds=2 path=/verify expect=200 >/dev/null
        done
        reused=$(awk '$3 == "r"' "$ndir/verify.log" | wc -l) total=$(wc -l <"$ndir/verify.log")
        log "resumption check (nginx \$ssl_session_reused): $reused of $total connections resumed"
        echo "resumption check N=$n: $reused of $total connections resumed" >>"$results"
        ((total > 0 && reused == 0)) || { echo "gwbench: sessions were resumed, or nothing answered" >&2; exit 1; }
    fi

    gw_pid=$( [[ -s "$wildfly_pid_file" ]] && cat "$wildfly_pid_file" || true)
    # warm-up of every server, not recorded: BENCH_SERVER_WARMUP s of new connections, then as long of keep-alive
    # (the JIT needs it: on its one core the gateway's keep-alive figure still rose for ~30 s after start)
    quiet
    for srv in gateway jsse nginx; do
        skipped $srv && continue
        case $srv in gateway) port=$gw_https;; jsse) port=$jsse_port;; nginx) port=$nginx_port;; esac
        taskset -c 1 "${client[@]}" port=$port names=e n="$n" mode=handshake \
            host=hs.bench.invalid path=/hs warmup=0 seconds="$server_warmup" >/dev/null 2>>"$work/loadgen.err" || true
        taskset -c 1 "${client[@]}" port=$port names=e n="$n" mode=keepalive \
            path=/ka warmup=0 seconds="$server_warmup" >/dev/null 2>>"$work/loadgen.err" || true
    done
    for round in $(seq 1 "$rounds"); do
    for fig in $figures; do
        case $fig in
            hs-ec-1.3)  args=(mode=handshake names=e proto=TLSv1.3 host=hs.bench.invalid path=/hs) ;;
            hs-ec-1.2)  args=(mode=handshake names=e proto=TLSv1.2 host=hs.bench.invalid path=/hs) ;;
            hs-rsa-1.3) args=(mode=handshake names=r proto=TLSv1.3 host=hs.bench.invalid path=/hs) ;;
            hs-rsa-1.2) args=(mode=handshake names=r proto=TLSv1.2 host=hs.bench.invalid path=/hs) ;;
            ka)         args=(mode=keepalive names=e proto=TLSv1.3 path=/ka expect=200) ;;
            lat-hs-ec)  args=(mode=handshake names=e proto=TLSv1.3 host=hs.bench.invalid path=/hs rate=$rate_hs) ;;
            lat-ka)     args=(mode=keepalive names=e proto=TLSv1.3 path=/ka expect=200 rate=$rate_ka) ;;
            *) echo "gwbench: unknown figure $fig" >&2; exit 2 ;;
        esac
        skipped gateway || loadgen "$fig" gateway $gw_https "$gw_pid" n="$n" "${args[@]}"
        skipped jsse || loadgen "$fig" jsse $jsse_port "$jsse_pid" n="$n" "${args[@]}"
        skipped nginx || loadgen "$fig" nginx $nginx_port "$(nginx_pids)" n="$n" "${args[@]}"
    done
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results"

# --- 4b. Start-up with the most certificates: restart the gateway's server and time it to serving ----------------------
# From process start to the first full handshake that gets e<N>'s certificate; with the gateway's own log lines: its
# snapshot build at start (CERTGATE-3004, ms) and WildFly's deployment of certgate (WFLYSRV0027 → CERTGATE-3001).
startup_rounds=${BENCH_STARTUP_ROUNDS:-1}
[[ "$startup_rounds" =~ ^[0-9]+$ ]] && ((startup_rounds <= 10)) || { echo "BENCH_STARTUP_ROUNDS: 0..10" >&2; exit 2; }
for round in $(seq 1 "$startup_rounds"); do
    skipped gateway || [[ ! -s "$wildfly_pid_file" ]] && break
    log "restarting the gateway's server with $((2 * max_n)) certificates (round $round of $startup_rounds)"
    certgate_stop_server "$wildfly_pid_file" "$standalone_pid"; standalone_pid=
    rm -f "$server/standalone/log/server.log"
    quiet
    started_at=$(date +%s.%N)
    certgate_start_server "$server" "$work/data" "$offset" "$wildfly_pid_file" "$work/wildfly-console-restart.log" 0
    standalone_pid=$certgate_server_pid
    served=
    for _ in $(seq 1 1200); do  # at most 120 s
        if echo | timeout 5 openssl s_client -connect 127.0.0.1:$gw_https -servername "e$max_n.bench.test" 2>/dev/null \
                | grep -q "CN *= *e$max_n.bench.test"; then served=$(date +%s.%N); break; fi
        sleep 0.1
    done
    if [[ -n "$served" ]]; then
        log_line() { grep -m1 "$1" "$server/standalone/log/server.log" | cut -c1-23; }
        ms() { [[ -n "$1" ]] && date -d "${1/,/.}" +%s.%N; }
        dep=$(ms "$(log_line 'WFLYSRV0027: Starting deployment of "certgate.ear"')") gw=$(ms "$(log_line CERTGATE-3001)")
        snapshot_ms=$(grep -m1 CERTGATE-3004 "$server/standalone/log/server.log" | sed -n 's/.*rebuilt in \([0-9]*\) ms.*/\1/p')
        snapshot_cpu_ms=$(grep -m1 CERTGATE-3004 "$server/standalone/log/server.log" | sed -n 's/.*, \([0-9]*\) ms of CPU.*/\1/p')
        # the background warm-up that opens every key after the gateway serves (CERTGATE-3009), at most 120 s more
        for _ in $(seq 1 240); do grep -q CERTGATE-3009 "$server/standalone/log/server.log" && break; sleep 0.5; done
        warmup_ms=$(grep -m1 CERTGATE-3009 "$server/standalone/log/server.log" | sed -n 's/.* in the background in \([0-9]*\) ms.*/\1/p')
        echo "startup gateway round=$round certificates=$((2 * max_n)) busy_before=$machine_busy process_to_served_s=$(awk -v s="$started_at" -v e="$served" 'BEGIN {printf "%.1f", e - s}') deployment_to_listening_s=$(awk -v s="${dep:-0}" -v e="${gw:-0}" 'BEGIN {printf "%.2f", e - s}') snapshot_at_start_ms=${snapshot_ms:-?} snapshot_cpu_ms=${snapshot_cpu_ms:-?} keys_opened_after_ms=${warmup_ms:-?}" \
            | tee -a "$results" >&2
    else
        echo "startup gateway round=$round certificates=$((2 * max_n)) not serving after 120 s" | tee -a "$results" >&2
    fi
done

# --- 5. The table -----------------------------------------------------------------------------------------------
echo
echo "== certgate gateway benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) CPUs, servers on $("$java" -version 2>&1 | head -1)," \
     "load generator $([[ "$client_kind" == openssl ]] && echo "tlsload on $(openssl version)" || "$client_java" -version 2>&1 | head -1)," \
     "$(nginx -v 2>&1 | sed 's/.*: //') =="
grep -v '^RESULT' "$results"
"$java" -cp "$cp" dev.certgate.bench.gateway.Report "$results"
