#!/usr/bin/env bash
# Benchmark (not a test): the certificate list at scale.
#
# Seeds BENCH_ROWS (default 100 000) certificates straight into a fresh MariaDB database, behind a private copy of the
# built WildFly with the certgate EAR, then times GET /certgate/api/v1/certificates with curl on loopback: for each
# query 5 warm-up calls, then 20 measured calls; prints the median and p95 of curl's time_total against the target
# (300 ms), and the MariaDB EXPLAIN of the equivalent SQL (page query and count query) so the indexes can be seen.
#
# Uses only: MariaDB at 127.0.0.1:3306 (root, empty password), the database and user certgate_bench, and WildFly with
# port offset 300 (HTTP 8380, management 10290, gateway 9743; the offset also moves Undertow's own HTTPS listener to
# 8743). Everything it starts or creates is stopped or dropped when it ends, however it ends.
#
#   bench/list-100k.sh                 # the benchmark; results on stdout, logs under bench/target
#   BENCH_ROWS=10000 bench/list-100k.sh  # a quicker run with fewer rows
#   BENCH_EAR=/path/to/certgate.ear bench/list-100k.sh  # measure another build of the EAR on the same server
#
# The rows are inserted with SQL, not through the service: their keys are random bytes (only listing is measured).
# The gateway's snapshot is built at start (empty) and rebuilt only after changes made through the service, so it
# never tries to open them; the server is not restarted after seeding.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source "$root/bin/lib.sh"

rows=${BENCH_ROWS:-100000}
[[ "$rows" =~ ^[0-9]+$ ]] && ((rows >= 1000 && rows <= 1000000)) || { echo "BENCH_ROWS: 1000..1000000" >&2; exit 2; }
warmup=5 measured=20 target_ms=300
db=certgate_bench db_port=3306
http=http://127.0.0.1:8380
api=$http/certgate/api/v1/certificates

work=$root/bench/target
server=$work/wildfly
wildfly_pid_file=$work/wildfly.pid
standalone_pid=
db_created=

sql() { mariadb --protocol=TCP -h127.0.0.1 -P$db_port -uroot "$@"; }

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    certgate_stop_server "$wildfly_pid_file" "$standalone_pid"   # bin/lib.sh: by pid, bounded, then SIGKILL
    if [[ -n "$db_created" ]]; then
        certgate_db_drop "$db" || echo "bench: could not drop $db" >&2
    fi
    exit $rc
}
trap cleanup EXIT INT TERM

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- 0. Preconditions -------------------------------------------------------------------------------------------
sql -e 'SELECT 1' >/dev/null 2>&1 || { echo "bench: no MariaDB answers at 127.0.0.1:$db_port (root, no password)" >&2; exit 1; }
for port in 8380 10290 9743 9780 8743; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "bench: port $port is in use (a previous bench run still up?)" >&2; exit 1
    fi
done

# --- 1. The built server and EAR (others may rebuild concurrently: wait a little, else build) -------------------
certgate_copy_built "$root" "$work" "${BENCH_EAR:-$root/ear/target/certgate.ear}"   # bin/lib.sh
rm -rf "$work/data"

# --- 2. A fresh database with its own user and a random password (as bin/test does) ----------------------------
db_password=$(openssl rand -hex 16)
db_created=1
certgate_db_create "$db" "$db_password"

# --- 3. Configure (datasource-mariadb.cli), deploy, start with offset 300; Flyway creates the schema -------------
certgate_configure_datasource "$server" mariadb
certgate_deploy "$server" "$work/certgate.ear"
# Sign-in (when this tree has it: lib.sh's certgate_add_user): a bench user with the read-only role and a random
# password, sent as HTTP Basic. Without it the API is open and the credentials are simply not asked for.
curl_auth=() wait_url=$api?size=1
if declare -F certgate_add_user >/dev/null; then
    bench_password=$(openssl rand -hex 12)
    certgate_add_user "$server" "$work/data" bench-auditor "$bench_password" auditor
    curl_auth=(-u "bench-auditor:$bench_password")
    wait_url="http://bench-auditor:$bench_password@127.0.0.1:8380/certgate/api/v1/certificates?size=1"
fi
export CERTGATE_DB_URL=jdbc:mariadb://127.0.0.1:$db_port/$db CERTGATE_DB_USER=$db CERTGATE_DB_PASSWORD=$db_password
log "starting WildFly (HTTP 8380, gateway 9743)"
certgate_start_server "$server" "$work/data" 300 "$wildfly_pid_file" "$work/wildfly-console.log"
standalone_pid=$certgate_server_pid
if ! certgate_wait_deployed "$server" certgate.ear 240 "$wait_url"; then
    tail -50 "$server/standalone/log/server.log" >&2
    exit 1
fi
log "deployed; schema: $(sql -N -e "SELECT GROUP_CONCAT(version ORDER BY installed_rank) FROM $db.schema_history" 2>/dev/null || echo '?')"

# --- 4. Seed the rows with set-based SQL, in chunks of 10 000 (MariaDB's SEQUENCE engine: seq_1_to_N) ------------
# Per row, h = MD5(seq) gives stable pseudo-random numbers: not_after spread uniformly over 2 years (from 30 days ago
# to 700 days ahead, so some are expired), source 50 % UPLOADED / 30 % ACME / 15 % LOCAL_CA / 5 % SELF_SIGNED, a third
# RSA-2048 and the rest EC P-256. Names: host<n>.example.test (40 %), www.shop<n>.example.test, api-<n>.svc.example.test,
# *.team<n>.example.test; www and wildcard certificates have a second name (shop<n>... / team<n>...).
# The chain PEM has realistic size (leaf + intermediate, 1.6-3 KB of base64), keys are random bytes of realistic size.
log "seeding $rows certificates"
seed_started=$SECONDS
utc_now=$(sql -N -e "SELECT UTC_TIMESTAMP(6)")
chunk=10000
for ((from = 1; from <= rows; from += chunk)); do
    to=$((from + chunk - 1)); ((to > rows)) && to=$rows
    sql "$db" -e "
INSERT INTO certificate (id, common_name, issuer, serial_number, not_before, not_after, fingerprint_sha256,
    key_algorithm, key_size, chain_pem, chain_length, kek_id, wrapped_data_key, key_ciphertext, source,
    self_signed, description, created_at, created_by, version)
SELECT id, cn,
    CASE src WHEN 'ACME' THEN 'CN=R11,O=Let''s Encrypt,C=US' WHEN 'LOCAL_CA' THEN 'CN=certgate local CA'
             WHEN 'SELF_SIGNED' THEN CONCAT('CN=', cn) ELSE 'CN=Example Issuing CA 2,O=Example Corp,C=US' END,
    UPPER(SUBSTR(SHA1(CONCAT('serial-', seq)), 1, 32)),
    not_after - INTERVAL (CASE src WHEN 'ACME' THEN 90 ELSE 365 END) DAY, not_after,
    SHA2(CONCAT('certgate-bench-fp-', seq), 256),
    IF(rsa, 'RSA', 'EC'), IF(rsa, 2048, 256),
    CONCAT('-----BEGIN CERTIFICATE-----\n', TO_BASE64(RANDOM_BYTES(IF(rsa, 1000, 600))), '\n-----END CERTIFICATE-----\n',
           IF(src = 'SELF_SIGNED', '', CONCAT('-----BEGIN CERTIFICATE-----\n', TO_BASE64(RANDOM_BYTES(1000)),
                                              '\n-----END CERTIFICATE-----\n'))),
    IF(src = 'SELF_SIGNED', 1, 2),
    'bench-kek', RANDOM_BYTES(60), IF(rsa, CONCAT(RANDOM_BYTES(1024), RANDOM_BYTES(222)), RANDOM_BYTES(166)),
    src, src = 'SELF_SIGNED', IF(seq % 10 = 0, CONCAT('bench certificate ', seq), NULL),
    LEAST(not_after - INTERVAL (CASE src WHEN 'ACME' THEN 90 ELSE 365 END) DAY + INTERVAL 1 HOUR,
          TIMESTAMP'$utc_now' - INTERVAL (seq % 100000) SECOND), 'bench', 0
FROM (
    SELECT seq, h,
        CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-4', SUBSTR(h, 14, 3), '-a', SUBSTR(h, 18, 3), '-',
               SUBSTR(h, 21, 12)) AS id,
        CASE seq % 5 WHEN 0 THEN CONCAT('www.shop', seq, '.example.test') WHEN 1 THEN CONCAT('api-', seq, '.svc.example.test')
                     WHEN 2 THEN CONCAT('*.team', seq, '.example.test') ELSE CONCAT('host', seq, '.example.test') END AS cn,
        TIMESTAMP'$utc_now' - INTERVAL 30 DAY + INTERVAL (CONV(SUBSTR(h, 1, 8), 16, 10) % (730 * 86400)) SECOND AS not_after,
        CASE WHEN CONV(SUBSTR(h, 9, 2), 16, 10) < 128 THEN 'UPLOADED' WHEN CONV(SUBSTR(h, 9, 2), 16, 10) < 205 THEN 'ACME'
             WHEN CONV(SUBSTR(h, 9, 2), 16, 10) < 243 THEN 'LOCAL_CA' ELSE 'SELF_SIGNED' END AS src,
        CONV(SUBSTR(h, 11, 2), 16, 10) % 3 = 0 AS rsa
    FROM (SELECT seq, MD5(CONCAT('certgate-bench-', seq)) AS h FROM seq_${from}_to_${to}) s
) r;"
done
sql "$db" -e "
INSERT INTO certificate_name (certificate_id, position, name) SELECT id, 0, common_name FROM certificate;
INSERT INTO certificate_name (certificate_id, position, name)
    SELECT id, 1, IF(common_name LIKE 'www.%', SUBSTR(common_name, 5), SUBSTR(common_name, 3)) FROM certificate
    WHERE common_name LIKE 'www.%' OR common_name LIKE '*.%';
ANALYZE TABLE certificate PERSISTENT FOR ALL;
ANALYZE TABLE certificate_name PERSISTENT FOR ALL;" >/dev/null
log "seeded in $((SECONDS - seed_started)) s: $(sql -N "$db" -e "SELECT CONCAT(COUNT(*), ' certificates, ',
    (SELECT COUNT(*) FROM certificate_name), ' names, ',
    ROUND((SELECT data_length + index_length FROM information_schema.tables WHERE table_schema = '$db'
           AND table_name = 'certificate') / 1048576), ' MiB') FROM certificate")"

# --- 5. Measure ---------------------------------------------------------------------------------------------------
# name|query string
queries=(
    "first page, default sort (notAfter,asc)|page=0&size=50&sort=notAfter,asc"
    "q=host99 (name substring)|q=host99&page=0&size=50&sort=notAfter,asc"
    "expiringWithinDays=30|expiringWithinDays=30&page=0&size=50&sort=notAfter,asc"
    "source=LOCAL_CA|source=LOCAL_CA&page=0&size=50&sort=notAfter,asc"
    "sort=commonName,asc|page=0&size=50&sort=commonName,asc"
    "sort=createdAt,desc|page=0&size=50&sort=createdAt,desc"
    "deep page (page=1000)|page=1000&size=50&sort=notAfter,asc"
)
# median and p95 (nearest rank) of the numbers on stdin, in ms
stats() { sort -n | awk '{v[NR]=$1} END {p=int(NR*0.95); if (p < NR*0.95) p++; m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2;
    printf "%.1f %.1f %.1f %.1f\n", m*1000, v[p]*1000, v[1]*1000, v[NR]*1000}'; }

# The JVM first: 5 rounds over all the queries, so that no query pays the JIT for the others (the per-query warm-up
# below then settles that query's own caches). Then wait, bounded, for the machine to be quiet (other engineers'
# builds share its cores): at most 120 s for a 1-minute load average below the number of CPUs.
for _ in 1 2 3 4 5; do
    for entry in "${queries[@]}"; do curl -s -o /dev/null --max-time 60 "${curl_auth[@]}" "$api?${entry#*|}" || true; done
done
for _ in $(seq 1 60); do
    awk -v n="$(nproc)" '{exit !($1 < n)}' /proc/loadavg && break
    sleep 2
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "measuring (load average $load_before): $warmup warm-up + $measured measured calls per query"
results=()
for entry in "${queries[@]}"; do
    name=${entry%%|*} qs=${entry#*|}
    url="$api?$qs"
    body=$(curl -s --max-time 60 "${curl_auth[@]}" "$url")
    total=$(jq -r '.total' <<<"$body") items=$(jq -r '.items | length' <<<"$body")
    for ((i = 1; i < warmup; i++)); do curl -s -o /dev/null --max-time 60 "${curl_auth[@]}" "$url" || true; done
    : >"$work/times"
    for ((i = 0; i < measured; i++)); do
        out=$(curl -s -o /dev/null --max-time 60 "${curl_auth[@]}" -w '%{http_code} %{time_total}' "$url" || true)
        [[ ${out%% *} == 200 ]] || { echo "bench: $url answered ${out%% *}" >&2; exit 1; }
        echo "${out#* }" >>"$work/times"
    done
    read -r median p95 min max < <(stats <"$work/times")
    results+=("$(printf '| %s | %s | %s | %s | %s | %s | %.2f |' "$name" "$total" "$items" "$median" "$p95" \
        "$min–$max" "$(awk -v m="$median" -v t=$target_ms 'BEGIN {print m / t}')")")
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 6. EXPLAIN the equivalent SQL: what Hibernate sends for CertificateSearch (the count, the page's ids with
# LIMIT offset, 50, then those rows with their names by primary key) --------------------------------------------------
horizon=$(sql -N -e "SELECT UTC_TIMESTAMP(6) + INTERVAL 30 DAY")
text="(lower(c.common_name) like '%host99%' escape '!' or exists (select 1 from certificate_name n"
text+=" where c.id = n.certificate_id and n.name like '%host99%' escape '!'))"
explains=(
    "first page|1=1|c.not_after, c.id|0"
    "q=host99|$text|c.not_after, c.id|0"
    "expiringWithinDays=30|c.not_after <= '$horizon'|c.not_after, c.id|0"
    "source=LOCAL_CA|c.source = 'LOCAL_CA'|c.not_after, c.id|0"
    "sort=commonName,asc|1=1|c.common_name, c.id|0"
    "sort=createdAt,desc|1=1|c.created_at desc, c.id desc|0"
    "deep page|1=1|c.not_after, c.id|50000"
)
explain() { sql -t "$db" -e "EXPLAIN $1" | sed 's/^/    /'; }

echo
echo "== certgate list benchmark: $rows certificates, $(date -u '+%Y-%m-%d %H:%M UTC') =="
echo "machine: $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)," \
     "MariaDB $(sql -N -e 'SELECT VERSION()'), innodb_buffer_pool_size $(sql -N -e 'SELECT @@innodb_buffer_pool_size DIV 1048576') MiB"
echo "load average (1, 5, 15 min) when measuring started: $load_before; after: $load_after"
echo
echo "GET $api?... — curl time_total on loopback, ms ($warmup warm-up, $measured measured; target $target_ms ms)"
echo
echo "| query | total | items | median | p95 | min–max | median / target |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
echo
for entry in "${explains[@]}"; do
    IFS='|' read -r name where order offset <<<"$entry"
    echo "-- EXPLAIN $name: count"
    explain "select count(c.id) from certificate c where $where"
    echo "-- EXPLAIN $name: the page's ids"
    explain "select c.id from certificate c where $where order by $order limit $offset, 50"
done
echo "-- EXPLAIN then: the page's rows with their names"
page_ids=$(sql -N "$db" -e "SELECT GROUP_CONCAT(QUOTE(id)) FROM (SELECT id FROM certificate ORDER BY not_after, id LIMIT 50) p")
explain "select c.*, n.* from certificate c left join certificate_name n on c.id = n.certificate_id where c.id in ($page_ids)"
