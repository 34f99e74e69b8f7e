#!/usr/bin/env bash
# Proves the build is reproducible: builds the current work tree twice, from two copies at different paths, with
# separate local repositories, a different time zone and locale, and fails unless every jar that is published
# (main, sources, Javadoc; the runtime's "lambda-<destination>" deployment jars) is byte-identical in both builds.
# It also checks that each processor jar embedded in the construct jar is the very jar the runtime module built.
#
# Both builds run with umask 022: maven-jar-plugin records the files' Unix modes, so a release must be built with
# that umask, as Reproducible Central's build specifications state (see RELEASING.md).
#
# Usage: .ci/check-reproducible.sh     (about two builds without tests; KEEP_BUILDS=1 keeps them for inspection)
set -euo pipefail
cd "$(dirname "$0")/.."
repo_root=$(pwd)

log() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/reproducible.XXXXXX")
if [ "${KEEP_BUILDS:-0}" = 1 ]; then
  echo "Keeping both builds in $work"
else
  trap 'rm -rf "$work"' EXIT
fi
umask 022

# Dependencies and plugins come from the usual local repository, read-only ("tail"); whatever a build resolves or
# writes goes to its own local repository, so neither build can see the other's output.
shared_repo=$(./mvnw -B -q -ntp org.apache.maven.plugins:maven-help-plugin:3.5.2:evaluate \
  -Dexpression=settings.localRepository -DforceStdout)

# The sources a fresh clone would have plus uncommitted changes: tracked and untracked files, minus ignored ones.
copy_sources() {
  mkdir -p "$1"
  local file
  while IFS= read -r -d '' file; do
    # ls-files --cached still lists files deleted but not yet committed: there is nothing to copy for them.
    if [ -e "$repo_root/$file" ]; then
      (cd "$repo_root" && cp --parents -p -- "$file" "$1/")
    fi
  done < <(git -C "$repo_root" ls-files -z --cached --others --exclude-standard)
}

build() { # <dir> <extra environment...>
  local dir=$1
  shift
  (cd "$dir" && env "$@" ./mvnw -B -q -ntp -Prelease -Dgpg.skip -DskipTests \
    -Dmaven.repo.local="$dir.m2" -Dmaven.repo.local.tail="$shared_repo" verify) \
    || fail "the build in $dir failed"
}

log "Copying the work tree twice"
copy_sources "$work/first/pinpoint-gtm-connector"
copy_sources "$work/second/checkout"

log "Build 1 (time zone UTC, locale C.UTF-8)"
build "$work/first/pinpoint-gtm-connector" TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
log "Build 2 (time zone Pacific/Chatham, locale C)"
build "$work/second/checkout" TZ=Pacific/Chatham LC_ALL=C LANG=C

published_jars() { # <dir>: every jar the release publishes, relative to <dir>
  (cd "$1" && ls construct/target/*.jar lambda-runtime/target/*.jar)
}

log "Comparing the published jars (sha256)"
first="$work/first/pinpoint-gtm-connector"
second="$work/second/checkout"
mismatches=0
count=0
while IFS= read -r jar; do
  count=$((count + 1))
  [ -f "$second/$jar" ] || fail "$jar was built only once"
  sum1=$(sha256sum "$first/$jar" | cut -d' ' -f1)
  sum2=$(sha256sum "$second/$jar" | cut -d' ' -f1)
  if [ "$sum1" = "$sum2" ]; then
    printf 'identical  %s  %s\n' "$sum1" "$jar"
  else
    printf 'DIFFERENT  %s / %s  %s\n' "$sum1" "$sum2" "$jar"
    mismatches=$((mismatches + 1))
  fi
done < <(published_jars "$first")
# construct: 3 (jar, sources, Javadoc); runtime: 3 and the 5 deployment jars. No test jars: the testkit is unpublished.
[ "$count" -eq 11 ] || fail "expected 11 published jars, found $count"
[ "$(published_jars "$second" | wc -l)" -eq "$count" ] || fail "the two builds published different sets of jars"

log "The construct embeds the runtime's deployment jars, unchanged"
construct_jar=$(ls "$first"/construct/target/pinpoint-gtm-connector-*.jar | grep -v -e '-sources.jar$' -e '-javadoc.jar$')
for destination in pinpoint kinesis firehose eventbridge customer-profiles; do
  embedded=io/github/pinpointgtm/processor/$destination/processor.jar
  lambda_jar=$(ls "$first"/lambda-runtime/target/pinpoint-gtm-connector-runtime-*-lambda-"$destination".jar)
  embedded_sum=$(unzip -p "$construct_jar" "$embedded" | sha256sum | cut -d' ' -f1)
  lambda_sum=$(sha256sum "$lambda_jar" | cut -d' ' -f1)
  printf '%s  %s!/%s\n%s  %s\n' "$embedded_sum" "${construct_jar#"$first"/}" "$embedded" "$lambda_sum" \
    "${lambda_jar#"$first"/}"
  [ "$embedded_sum" = "$lambda_sum" ] || fail "the embedded $destination processor jar differs from the runtime's jar"
done

if [ "$mismatches" -ne 0 ]; then
  log "Differences (entry listings: mode, size, time, CRC-32, name)"
  while IFS= read -r jar; do
    if ! cmp -s "$first/$jar" "$second/$jar"; then
      echo "--- $jar"
      diff <(cd "$first" && unzip -Z -l "$jar" | tail -n +3) <(cd "$second" && unzip -Z -l "$jar" | tail -n +3) \
        | head -20 || true
      diff <(cd "$first" && unzip -v "$jar" | tail -n +4) <(cd "$second" && unzip -v "$jar" | tail -n +4) \
        | head -20 || true
    fi
  done < <(published_jars "$first")
  fail "$mismatches of $count published jars differ between two clean builds"
fi
log "Reproducible: all $count published jars are byte-identical across two clean builds"
