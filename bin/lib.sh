# Shared by bin/run and bin/test. Every server change is one of the commented scripts in wildfly-config/src/main/cli.
cli_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../wildfly-config/src/main/cli" && pwd)

# certgate_configure_datasource SERVER h2|mariadb — applies datasource-<db>.cli to the stopped server.
certgate_configure_datasource() {
    local server=$1 db=$2
    case "$db" in
        h2|mariadb) ;;
        *) echo "CERTGATE_DB must be h2 or mariadb, not '$db'" >&2; return 2 ;;
    esac
    "$server/bin/jboss-cli.sh" --file="$cli_dir/datasource-$db.cli" >/dev/null
}

# certgate_deploy SERVER EAR — hands the EAR to the deployment scanner.
certgate_deploy() {
    local deployments=$1/standalone/deployments
    rm -f "$deployments"/certgate.ear*
    cp "$2" "$deployments/certgate.ear"
}

# certgate_log_mark SERVER — where SERVER's server.log ends now ("inode:size"; "0:0" when there is none). WildFly
# appends to that file across starts, so a start's errors are judged from the mark taken just before it.
certgate_log_mark() {
    local log=$1/standalone/log/server.log
    if [[ -f "$log" ]]; then stat -c '%i:%s' "$log"; else echo 0:0; fi
}

# certgate_log_since SERVER MARK — what server.log got after MARK (all of it when the file was replaced since, as
# WildFly's daily rotation does, or shrank).
certgate_log_since() {
    local log=$1/standalone/log/server.log inode=${2%%:*} size=${2##*:}
    [[ -f "$log" ]] || return 0
    if [[ "$(stat -c %i "$log")" != "$inode" || "$(stat -c %s "$log")" -lt "$size" ]]; then
        cat "$log"
    else
        tail -c +$((size + 1)) "$log"
    fi
}

# certgate_wait_deployed SERVER NAME SECONDS URL [MARK] — 0 once NAME is deployed, the server started without errors
# and URL answers 200; 1 on failure or time-out. Only the log written after MARK (certgate_log_mark, taken before the
# start; default: the whole file) is read, so the errors of an earlier start never fail this one.
certgate_wait_deployed() {
    local deployments=$1/standalone/deployments name=$2 deadline=$((SECONDS + $3)) url=$4 mark=${5:-0:0}
    while ((SECONDS < deadline)); do
        if [[ -e "$deployments/$name.failed" ]]; then
            cat "$deployments/$name.failed" >&2; return 1
        fi
        if [[ -e "$deployments/$name.deployed" ]]; then
            if certgate_log_since "$1" "$mark" | grep -q "WFLYSRV0026"; then
                echo "WildFly started with errors:" >&2
                certgate_log_since "$1" "$mark" | grep -E "ERROR|WFLYCTL0412|WFLYCTL0113" | head -20 >&2
                return 1
            fi
            if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" == 200 ]]; then
                return 0
            fi
        fi
        sleep 0.5
    done
    echo "$name: not ready after $3 s ($url)" >&2
    return 1
}

# certgate_add_user SERVER DATA_DIR USER PASSWORD ROLES — seeds a user (roles: admin, operator, auditor,
# comma-separated) for a server that has not started on this data dir's database yet: the line goes to
# DATA_DIR/certgate/initial-users (owner-only), which certgate reads at start when it has no users, then deletes
# (ejb FirstUsers). Users live in the database; on a running server use the REST API (bin/add-user). SERVER is unused,
# kept so the callers did not change.
certgate_add_user() {
    local dir=$2/certgate
    mkdir -p "$dir"
    ( umask 077; printf '%s:%s:%s\n' "$3" "$5" "$4" >> "$dir/initial-users" )
}

# --- Private servers for the benchmarks (bench/*.sh): a copy of the built server, its own database, its own ports ---

# certgate_copy_built ROOT WORK [EAR] — copies the built server (ROOT/wildfly-config/target/wildfly) to WORK/wildfly and
# the EAR (default ROOT/ear/target/certgate.ear) to WORK/certgate.ear. Other checkouts may be rebuilding: waits up to
# 2 minutes for a build, builds (without tests) when there is none, and checks each copy (one taken during a rebuild
# may be torn), three tries.
certgate_copy_built() {
    local root=$1 work=$2 ear=${3:-$1/ear/target/certgate.ear}
    local built_server=$root/wildfly-config/target/wildfly
    local _
    for _ in $(seq 1 60); do [[ -x "$built_server/bin/standalone.sh" && -s "$ear" ]] && break; sleep 2; done
    if ! [[ -x "$built_server/bin/standalone.sh" && -s "$ear" ]]; then
        echo "certgate: no built server/EAR; running mvn -B -q install -DskipTests" >&2
        (cd "$root" && mvn -B -q install -DskipTests) || return 1
    fi
    mkdir -p "$work"
    rm -rf "$work/wildfly" "$work/certgate.ear"
    for _ in 1 2 3; do
        if cp "$ear" "$work/certgate.ear" 2>/dev/null && unzip -tqq "$work/certgate.ear" >/dev/null 2>&1 \
            && cp -a "$built_server" "$work/wildfly" 2>/dev/null && [[ -x "$work/wildfly/bin/standalone.sh" ]]; then
            return 0
        fi
        rm -rf "$work/wildfly" "$work/certgate.ear"; sleep 10
    done
    echo "certgate: could not copy a complete server and EAR" >&2
    return 1
}

# certgate_db_create DB PASSWORD — (re)creates the database DB and its user DB (from localhost and 127.0.0.1) with
# PASSWORD on the MariaDB at 127.0.0.1:${CERTGATE_DB_PORT:-3306} (root, no password), as bin/test does.
certgate_db_create() {
    local db=$1 password=$2
    [[ "$db" =~ ^[a-z0-9_]+$ ]] || { echo "certgate: bad database name '$db'" >&2; return 2; }
    mariadb --protocol=TCP -h127.0.0.1 -P"${CERTGATE_DB_PORT:-3306}" -uroot -e "
        DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4;
        CREATE USER IF NOT EXISTS '$db'@'localhost'; CREATE USER IF NOT EXISTS '$db'@'127.0.0.1';
        ALTER USER '$db'@'localhost' IDENTIFIED BY '$password';
        ALTER USER '$db'@'127.0.0.1' IDENTIFIED BY '$password';
        GRANT ALL ON $db.* TO '$db'@'localhost'; GRANT ALL ON $db.* TO '$db'@'127.0.0.1';"
}

# certgate_db_drop DB — drops what certgate_db_create made.
certgate_db_drop() {
    local db=$1
    mariadb --protocol=TCP -h127.0.0.1 -P"${CERTGATE_DB_PORT:-3306}" -uroot -e "DROP DATABASE IF EXISTS $db;
        DROP USER IF EXISTS '$db'@'localhost'; DROP USER IF EXISTS '$db'@'127.0.0.1';"
}

# certgate_start_server SERVER DATA_DIR OFFSET PID_FILE LOG [CPUS] — starts SERVER (configured and deployed) in the
# background, everything on 127.0.0.1: port offset OFFSET (HTTP 8080+OFFSET, management 9990+OFFSET), the gateway
# on 9443+OFFSET (HTTPS) and 9480+OFFSET (HTTP), as bin/test lays them out; pinned to CPUS (taskset -c) when given.
# The JVM's pid goes to PID_FILE, standalone.sh's to $certgate_server_pid; stop both with certgate_stop_server. The
# server reads CERTGATE_DB_URL/USER/PASSWORD from the environment: export them first. CERTGATE_SERVER_OPTS, when set,
# adds its words to standalone.sh's arguments (e.g. -Dcertgate.gateway.io-threads=1).
certgate_start_server() {
    local server=$1 data=$2 offset=$3 pid_file=$4 log=$5 cpus=${6:-}
    local launcher=()
    [[ -n "$cpus" ]] && launcher=(taskset -c "$cpus")
    JBOSS_PIDFILE=$pid_file LAUNCH_JBOSS_IN_BACKGROUND=1 "${launcher[@]}" "$server/bin/standalone.sh" \
        -b 127.0.0.1 -bmanagement 127.0.0.1 \
        -Djboss.socket.binding.port-offset="$offset" \
        -Djboss.server.data.dir="$data" \
        -Dcertgate.gateway.bind-address=127.0.0.1 -Dcertgate.gateway.https-port=$((9443 + offset)) \
        -Dcertgate.gateway.http-port=$((9480 + offset)) ${CERTGATE_SERVER_OPTS:-} \
        >"$log" 2>&1 &
    certgate_server_pid=$!
}

# certgate_stop_server PID_FILE [STANDALONE_PID] — stops the JVM named in PID_FILE (TERM, up to 20 s, then KILL) and
# the standalone.sh that started it. Only these processes, by their pids.
certgate_stop_server() {
    local pid_file=$1 script_pid=${2:-} pid _
    if [[ -s "$pid_file" ]]; then
        pid=$(cat "$pid_file")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$pid_file"
    fi
    if [[ -n "$script_pid" ]]; then
        kill "$script_pid" 2>/dev/null || true
        wait "$script_pid" 2>/dev/null || true
    fi
}

# --- Cluster nodes (bin/run-node, bin/test-cluster): one installation, many servers on one MariaDB ---

# certgate_configure_cluster SERVER — makes SERVER's standalone-ha.xml a certgate cluster node's configuration: the
# same scripts as one node (on MariaDB), then cluster.cli (JGroups over TCP with a static member list, a transaction
# node identifier per node). Once per server: a marker file remembers it.
certgate_configure_cluster() {
    local server=$1 script
    local marker=$server/standalone/configuration/.certgate-cluster
    [[ -e "$marker" ]] && return 0
    # the scripts one after the other in one jboss-cli run (each embeds and stops the server itself)
    local all=$server/standalone/configuration/certgate-cluster-all.cli
    : >"$all"
    for script in certgate tls mail observability datasource-mariadb security remoting cluster; do
        cat "$cli_dir/$script.cli" >>"$all"; echo >>"$all"
    done
    "$server/bin/jboss-cli.sh" -Dcertgate.server-config=standalone-ha.xml --file="$all" >/dev/null \
        || { echo "certgate: the cluster configuration failed on $server (standalone-ha.xml; $all)" >&2; return 1; }
    touch "$marker"
}

# certgate_node_base SERVER BASE EAR — a fresh server base dir for one node (its own configuration copy,
# deployments, data, log and tmp; standalone.sh -Djboss.server.base.dir=BASE), with EAR deployed. The installation
# (SERVER: modules, scripts) is shared by every node.
certgate_node_base() {
    local server=$1 base=$2 ear=$3
    rm -rf "$base/configuration" "$base/deployments" "$base/tmp" "$base/log"
    mkdir -p "$base/deployments" "$base/data"
    cp -a "$server/standalone/configuration" "$base/configuration"
    cp "$ear" "$base/deployments/certgate.ear"
}

# certgate_start_node SERVER BASE NAME OFFSET MEMBERS PID_FILE LOG — starts one cluster node in the background on
# 127.0.0.1 (CERTGATE_NODE_BIND to change): HTTP 8080+OFFSET, management 9990+OFFSET, gateway 9443+OFFSET and
# 9480+OFFSET, JGroups 7600+OFFSET; MEMBERS is the TCPPING list (host[port],...). Reads CERTGATE_DB_URL/USER/PASSWORD
# and CERTGATE_KEK from the environment; CERTGATE_SERVER_OPTS adds words to standalone.sh's arguments. The JVM's pid
# goes to PID_FILE, standalone.sh's to $certgate_node_pid; stop both with certgate_stop_server.
certgate_start_node() {
    local server=$1 base=$2 name=$3 offset=$4 members=$5 pid_file=$6 log=$7
    local bind=${CERTGATE_NODE_BIND:-127.0.0.1}
    JBOSS_PIDFILE=$pid_file LAUNCH_JBOSS_IN_BACKGROUND=1 "$server/bin/standalone.sh" -c standalone-ha.xml \
        -b "$bind" -bmanagement "$bind" -bprivate "$bind" \
        -Djboss.server.base.dir="$base" -Djboss.node.name="$name" \
        -Djboss.socket.binding.port-offset="$offset" \
        -Dcertgate.cluster.members="$members" \
        -Dcertgate.gateway.bind-address="$bind" -Dcertgate.gateway.https-port=$((9443 + offset)) \
        -Dcertgate.gateway.http-port=$((9480 + offset)) ${CERTGATE_SERVER_OPTS:-} \
        >"$log" 2>&1 &
    certgate_node_pid=$!
}

# certgate_wait_node BASE SECONDS URL — certgate_wait_deployed for a node started by certgate_start_node.
certgate_wait_node() {
    local base=$1 deadline=$((SECONDS + $2)) url=$3
    while ((SECONDS < deadline)); do
        if [[ -e "$base/deployments/certgate.ear.failed" ]]; then
            cat "$base/deployments/certgate.ear.failed" >&2; return 1
        fi
        if [[ -e "$base/deployments/certgate.ear.deployed" ]]; then
            if grep -q "WFLYSRV0026" "$base/log/server.log" 2>/dev/null; then
                echo "WildFly started with errors:" >&2
                grep -E "ERROR|WFLYCTL0412|WFLYCTL0113" "$base/log/server.log" | head -20 >&2
                return 1
            fi
            [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" == 200 ]] && return 0
        fi
        sleep 0.5
    done
    echo "certgate node in $base: not ready after $2 s ($url)" >&2
    return 1
}

# --- A real ACME CA for the tests: Pebble (docs/testing.md) ---

# certgate_pebble_ca DIR — a throw-away CA (DIR/ca.pem, the trust file certgate and the tests are given) and a
# certificate for Pebble's own HTTPS endpoint with localhost and 127.0.0.1 in its names (DIR/localhost.pem, .key).
certgate_pebble_ca() {
    local dir=$1
    mkdir -p "$dir"
    (
        cd "$dir"
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 30 \
            -subj "/CN=certgate test ACME CA" -addext basicConstraints=critical,CA:TRUE \
            -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout localhost.key -out localhost.csr \
            -subj /CN=localhost 2>/dev/null
        openssl x509 -req -in localhost.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out localhost.pem -days 30 \
            -extfile <(printf "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth") 2>/dev/null
    )
}

# certgate_pebble_config LISTEN_PORT MANAGEMENT_PORT HTTP_PORT TLS_PORT [EXTRA JSON MEMBERS] — a Pebble configuration
# (to standard output; run in the directory of certgate_pebble_ca): its ports, its certificate, and HTTP_PORT /
# TLS_PORT, the ports its validator connects to for HTTP-01 and TLS-ALPN-01 (a gateway's).
certgate_pebble_config() {
    cat <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$1", "managementListenAddress": "127.0.0.1:$2",
  "certificate": "localhost.pem", "privateKey": "localhost.key",
  "httpPort": $3, "tlsPort": $4, "ocspResponderURL": ""${5:-}}}
JSON
}
