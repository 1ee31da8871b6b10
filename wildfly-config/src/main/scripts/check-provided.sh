#!/usr/bin/env bash
# Checks that the unpacked WildFly ships each jar the application compiles against as "provided", in the version the
# parent pom names (WildFly's own BOM is not served for this version: see the parent pom).
#   check-provided.sh DIST_DIR JAR_FILE_NAME...
set -euo pipefail
dist=$1; shift
missing=0
for jar in "$@"; do
    if [[ -z $(find "$dist/modules" -name "$jar" -print -quit) ]]; then
        found=$(find "$dist/modules" -name "${jar%%-[0-9]*}-[0-9]*.jar" -printf '%f ' 2>/dev/null)
        echo "certgate: $dist has no $jar (it has: ${found:-none}); fix its version in the parent pom" >&2
        missing=1
    fi
done
((missing == 0)) || exit 1
echo "certgate: the server provides ${*}"
