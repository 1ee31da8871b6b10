#!/usr/bin/env bash
# Feasibility probe (not part of run.sh): OpensslServer (Undertow + wildfly-openssl, per-SNI SSL_CTX through
# Undertow's SNISSLContext) against JsseServer and nginx, N names per set (ECDSA e1..eN, RSA r1..rN), all three
# answering a 3-byte 200 themselves (no proxy, also for keep-alive). Servers pinned to core 0, tlsload to core 1.
# Ports 21443 (openssl), 21444 (jsse), 21445 (nginx). Each figure PROBE_ROUNDS times (default 2), interleaved over
# the servers; then once more for openssl and jsse on PROBE_JAVA2 (default Temurin 25) unless it is empty.
#
#   mvn -q -B -f bench/gateway/pom.xml package && CertGen target/certs 1000   (see run.sh)
#   WILDFLY=/path/to/wildfly bench/gateway/openssl-probe.sh     # libwfssl.so from $WILDFLY's org.wildfly.openssl module
#
# RESULT lines (tlsload's) go to target/openssl-probe.txt with server=, java= and the load average before each run.
# Everything it starts is stopped when it ends (by pid).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$here/target certs=$here/target/certs
n=${PROBE_N:-1000} rounds=${PROBE_ROUNDS:-2}
java1=${PROBE_JAVA:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
java2=${PROBE_JAVA2-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
wfssl=${WILDFLY:-$here/../../wildfly-config/target/wildfly}/modules/system/layers/base/org/wildfly/openssl/main/lib/linux-x86_64/libwfssl.so
out=$work/openssl-probe.txt
po=21443 pj=21444 pn=21445
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
cc -O2 -Wall -o "$work/tlsload" "$here/src/main/c/tlsload.c" -lssl -lcrypto -lpthread -lm
ossl_pid= jsse_pid= nginx_pid=
stop() { [[ -n "${1:-}" ]] && kill "$1" 2>/dev/null && for _ in $(seq 1 40); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done; [[ -n "${1:-}" ]] && kill -9 "$1" 2>/dev/null; return 0; }
cleanup() { stop "$ossl_pid"; stop "$jsse_pid"; stop "$nginx_pid"; }
trap cleanup EXIT
wait_port() { for _ in $(seq 1 240); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.5; done; return 1; }

start_java() { # start_java JAVA -> sets ossl_pid, jsse_pid
    stop "$ossl_pid"; stop "$jsse_pid"
    taskset -c 0 "$1" -Dorg.wildfly.openssl.libwfssl.path="$wfssl" -Dorg.wildfly.openssl.path=/usr/lib/x86_64-linux-gnu \
        -cp "$cp" dev.certgate.bench.gateway.OpensslServer $po "$certs/ec:$n" "$certs/rsa:$n" >"$work/openssl-server.log" 2>&1 &
    ossl_pid=$!
    taskset -c 0 "$1" -cp "$cp" dev.certgate.bench.gateway.JsseServer $pj "$certs/ec:$n" "$certs/rsa:$n" >"$work/jsse-server.log" 2>&1 &
    jsse_pid=$!
    wait_port $po || { cat "$work/openssl-server.log"; exit 1; }
    wait_port $pj || { cat "$work/jsse-server.log"; exit 1; }
    echo "startup java=$1 $(grep '^openssl-server' "$work/openssl-server.log") | $(grep '^jsse-server' "$work/jsse-server.log")" | tee -a "$out"
}

# nginx: one worker, one server block per name, every location answers 200 "ok\n" itself
ndir=$work/nginx-probe
rm -rf "$ndir"; mkdir -p "$ndir/tmp"
{
    cat <<CONF
daemon off;
worker_processes 1;
pid $ndir/nginx.pid;
error_log $ndir/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $ndir/tmp; proxy_temp_path $ndir/tmp; fastcgi_temp_path $ndir/tmp;
    uwsgi_temp_path $ndir/tmp; scgi_temp_path $ndir/tmp;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
    ssl_prefer_server_ciphers on;
    server_names_hash_max_size 65536;
    server_names_hash_bucket_size 64;
    server {
        listen 127.0.0.1:$pn ssl default_server;
        ssl_certificate $certs/ec/1.crt; ssl_certificate_key $certs/ec/1.key;
        location / { return 200 "ok\n"; }
    }
CONF
    for set in ec:e rsa:r; do
        for ((i = 1; i <= n; i++)); do
            printf '    server { listen 127.0.0.1:%s ssl; server_name %s%d.bench.test; ssl_certificate %s/%d.crt; ssl_certificate_key %s/%d.key; location / { return 200 "ok\\n"; } }\n' \
                "$pn" "${set#*:}" "$i" "$certs/${set%:*}" "$i" "$certs/${set%:*}" "$i"
        done
    done
    echo "}"
} >"$ndir/nginx.conf"
taskset -c 0 nginx -p "$ndir" -c "$ndir/nginx.conf" -e "$ndir/error.log" &
nginx_pid=$!
wait_port $pn || { cat "$ndir/error.log"; exit 1; }
nginx_pids() { echo "$nginx_pid$(pgrep -P "$nginx_pid" | sed 's/^/,/' | tr -d '\n')"; }

run() { # run LABEL SERVER PORT PIDS JAVA ARGS...
    local label=$1 srv=$2 port=$3 pids=$4 j=$5; shift 5
    local load line
    load=$(cut -d' ' -f1 /proc/loadavg)
    line=$(taskset -c 1 "$work/tlsload" port="$port" pids="$pids" conns=32 warmup=5 seconds=10 label="$label" n="$n" "$@" \
        2>>"$work/openssl-probe.err" | grep '^RESULT') || line="RESULT label=$label failed"
    echo "$line server=$srv java=$(basename "$(dirname "$(dirname "$j")")") load_before=$load" | tee -a "$out"
}
fig_args() {
    case $1 in
        hs-ec-1.3)  echo "mode=handshake names=e proto=TLSv1.3 host=hs.bench.invalid path=/hs" ;;
        hs-ec-1.2)  echo "mode=handshake names=e proto=TLSv1.2 host=hs.bench.invalid path=/hs" ;;
        hs-rsa-1.3) echo "mode=handshake names=r proto=TLSv1.3 host=hs.bench.invalid path=/hs" ;;
        ka)         echo "mode=keepalive names=e proto=TLSv1.3 path=/ka expect=200" ;;
    esac
}
warm() { # warm PORT: JIT warm-up, not recorded
    taskset -c 1 "$work/tlsload" port="$1" names=e n="$n" mode=handshake host=hs.bench.invalid path=/hs warmup=0 seconds=8 >/dev/null 2>&1 || true
    taskset -c 1 "$work/tlsload" port="$1" names=e n="$n" mode=keepalive path=/ka warmup=0 seconds=4 >/dev/null 2>&1 || true
}
figures=${PROBE_FIGURES:-"hs-ec-1.3 hs-ec-1.2 hs-rsa-1.3 ka"}

echo "# probe $(date -u +%FT%TZ) N=$n uptime: $(uptime)" | tee -a "$out"
start_java "$java1"
warm $po; warm $pj; warm $pn
for r in $(seq 1 "$rounds"); do
    for fig in $figures; do
        read -ra a <<<"$(fig_args "$fig")"
        echo "# round $r $fig uptime: $(uptime)" | tee -a "$out"
        run "$fig" openssl $po "$ossl_pid" "$java1" "${a[@]}"
        run "$fig" jsse $pj "$jsse_pid" "$java1" "${a[@]}"
        run "$fig" nginx $pn "$(nginx_pids)" "$java1" "${a[@]}"
    done
done
if [[ -n "$java2" && -x "$java2" ]]; then
    start_java "$java2"
    warm $po; warm $pj
    for fig in $figures; do
        read -ra a <<<"$(fig_args "$fig")"
        echo "# java2 $fig uptime: $(uptime)" | tee -a "$out"
        run "$fig" openssl $po "$ossl_pid" "$java2" "${a[@]}"
        run "$fig" jsse $pj "$jsse_pid" "$java2" "${a[@]}"
    done
fi
echo "# done $(date -u +%FT%TZ) uptime: $(uptime)" | tee -a "$out"
