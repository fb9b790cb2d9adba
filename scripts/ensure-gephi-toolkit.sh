#!/usr/bin/env bash
# The Gephi toolkit (Gephi's own file importers, from Maven Central) for the tests that open
# the GEXF and GraphML exports as Gephi does. Fetched once into the local Maven repository;
# prints the jar's path.
set -euo pipefail
VERSION=0.10.1
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
JAR="$REPO/org/gephi/gephi-toolkit/$VERSION/gephi-toolkit-$VERSION-all.jar"
if [ -s "$JAR" ]; then echo "$JAR"; exit 0; fi
command -v mvn >/dev/null 2>&1 || { echo "Maven (mvn) is needed to fetch the Gephi toolkit" >&2; exit 1; }
echo "fetching the Gephi toolkit $VERSION (Maven Central) for the export tests..." >&2
mvn -q -B "-Dmaven.repo.local=$REPO" dependency:get \
    "-Dartifact=org.gephi:gephi-toolkit:$VERSION:jar:all" -Dtransitive=false >&2
test -s "$JAR"
echo "$JAR"
