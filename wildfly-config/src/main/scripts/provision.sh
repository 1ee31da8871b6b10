#!/usr/bin/env bash
# Provisions a fresh, configured WildFly for certgate from the unpacked wildfly-dist.
#   provision.sh DIST_DIR SERVER_DIR MARIADB_DRIVER_JAR
# Idempotent: SERVER_DIR is rebuilt from DIST_DIR on every run (a few seconds). Runtime data (H2 database, instance
# key, timers) is never kept in SERVER_DIR: bin/run and bin/test point jboss.server.data.dir elsewhere.
set -euo pipefail
dist=$1 server=$2 driver=$3
cli_dir=$(cd "$(dirname "$0")/../cli" && pwd)

rm -rf "$server"
cp -a "$dist" "$server"

# The MariaDB driver as a module, then the server configuration (offline, in an embedded server).
"$server/bin/jboss-cli.sh" --resolve-parameter-values -Dmariadb.driver.jar="$driver" --file="$cli_dir/mariadb-module.cli"
"$server/bin/jboss-cli.sh" --file="$cli_dir/certgate.cli"
# The gateway's JVM-wide TLS settings (OCSP stapling).
"$server/bin/jboss-cli.sh" --file="$cli_dir/tls.cli"
# The mail session alerts go through (its SMTP server from the environment: CERTGATE_SMTP_*).
"$server/bin/jboss-cli.sh" --file="$cli_dir/mail.cli"
# Metrics (Micrometer, Prometheus text at the management interface's /metrics) and health checks (/health*).
"$server/bin/jboss-cli.sh" --file="$cli_dir/observability.cli"
# The embedded database is the zero-setup default; bin/test switches to MariaDB with datasource-mariadb.cli.
"$server/bin/jboss-cli.sh" --file="$cli_dir/datasource-h2.cli"
# Users and roles: a JDBC realm over CertgateDS, so after the datasource.
"$server/bin/jboss-cli.sh" --file="$cli_dir/security.cli"
# EJB remote (remote+http on the HTTP port) signs in against the same users.
"$server/bin/jboss-cli.sh" --file="$cli_dir/remoting.cli"
echo "certgate: provisioned WildFly in $server"
