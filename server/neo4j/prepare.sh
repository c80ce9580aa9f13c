#!/usr/bin/env bash
# Builds the Neo4j launcher before the tests run, so their timeouts are not spent downloading Neo4j from Maven.
# launch.ts skips its own build while target/launcher-build.stamp is newer than pom.xml and the Java source.
set -euo pipefail

launcher_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/launcher" && pwd)"

missing_packages=()
command -v java >/dev/null || missing_packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing_packages+=(maven)
if ((${#missing_packages[@]} > 0)); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing ${missing_packages[*]} for the Neo4j launcher" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packages[@]}" >/dev/null
  else
    echo "The Neo4j launcher needs Java 17+ and Maven; install: apt-get install -y ${missing_packages[*]}" >&2
    exit 1
  fi
fi

started=$SECONDS
mvn -q -B -Dstyle.color=never -f "$launcher_dir/pom.xml" \
  compile dependency:build-classpath -Dmdep.outputFile="$launcher_dir/target/classpath.txt" 2>&1 |
  sed -E 's/\x1b\[[0-9;]*m//g' # Debian's Maven emits colour resets even in batch mode.
date -u +%Y-%m-%dT%H:%M:%SZ >"$launcher_dir/target/launcher-build.stamp"
echo "Neo4j launcher ready in $((SECONDS - started)) s" >&2
