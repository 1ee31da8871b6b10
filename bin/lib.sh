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

# certgate_wait_deployed SERVER NAME SECONDS URL — 0 once NAME is deployed, the server started without errors and
# URL answers 200; 1 on failure or time-out.
certgate_wait_deployed() {
    local deployments=$1/standalone/deployments name=$2 deadline=$((SECONDS + $3)) url=$4
    local log=$1/standalone/log/server.log
    while ((SECONDS < deadline)); do
        if [[ -e "$deployments/$name.failed" ]]; then
            cat "$deployments/$name.failed" >&2; return 1
        fi
        if [[ -e "$deployments/$name.deployed" ]]; then
            if grep -q "WFLYSRV0026" "$log" 2>/dev/null; then
                echo "WildFly started with errors:" >&2
                grep -E "ERROR|WFLYCTL0412|WFLYCTL0113" "$log" | head -20 >&2
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

# certgate_users_init DATA_DIR — the (possibly empty) user and role files of the CertgateRealm (security.cli).
certgate_users_init() {
    local dir=$1/certgate
    mkdir -p "$dir"
    ( umask 077; touch "$dir/users.properties" "$dir/roles.properties" )
}

# certgate_add_user SERVER DATA_DIR USER PASSWORD ROLES — adds or updates a user (roles: admin, operator, auditor,
# comma-separated). The realm re-reads its files, so this works while the server runs.
certgate_add_user() {
    local server=$1 dir=$2/certgate
    certgate_users_init "$2"
    "$server/bin/add-user.sh" -a -r certgate -up "$dir/users.properties" -gp "$dir/roles.properties" \
        -u "$3" -p "$4" -g "$5" -e -cw -s >/dev/null
}

# certgate_has_users DATA_DIR — 0 when at least one user exists.
certgate_has_users() {
    grep -qE '^[^#[:space:]][^=]*=' "$1/certgate/users.properties" 2>/dev/null
}
