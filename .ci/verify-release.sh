#!/usr/bin/env bash
# Release verification, run by CI after ./mvnw verify (so the tests do not run twice): builds with the release
# profile exactly as a release does, minus signing (no key in CI) and the upload, then checks what would be uploaded
# to the Central Portal: the parent, construct and runtime artifacts (never the examples or the testkit), each with
# exactly its jar, sources jar, Javadoc jar (doclint on, warnings fail the build) and POM (the runtime also its
# deployment jars), nothing else (an allow-list: a test jar fails the check), and every POM element Central requires.
#
# Usage: .ci/verify-release.sh     (about one build without tests; installs the artifacts, like ./mvnw install)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

log "Release build without signing or upload: ./mvnw -Prelease -Dgpg.skip -DskipTests -DskipUpload=true clean deploy"
# deploy runs verify first; the Central publishing plugin then stages the bundle under target/ instead of uploading
# it (skipUpload). Tests are skipped because CI's ./mvnw verify just ran them on the same sources.
./mvnw -B -ntp -Prelease -Dgpg.skip -DskipTests -DskipUpload=true clean deploy

# A release version is zipped into target/central-publishing/central-bundle.zip; a SNAPSHOT is staged as a directory.
if [ -f target/central-publishing/central-bundle.zip ]; then
  bundle=target/central-publishing/central-bundle.zip
elif [ -d target/central-deferred ]; then
  bundle=target/central-deferred
else
  echo "FAILED: the Central publishing plugin staged nothing under target/" >&2
  exit 1
fi

log "Effective POMs (inheritance resolved, as Central reads them)"
./mvnw -B -q -ntp -Prelease org.apache.maven.plugins:maven-help-plugin:3.5.2:effective-pom \
  -Doutput="$PWD/target/release-effective-poms.xml"

log "Checking $bundle"
java .ci/VerifyReleaseBundle.java "$bundle" target/release-effective-poms.xml
