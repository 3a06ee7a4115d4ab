#!/usr/bin/env bash
# The one release recipe: compile src/, build the admin console (console/), and assemble a runtime tree with production
# dependencies only, which runs with `node dist/src/main.js` (no tsc, no tsx, no npm at run time).
#
#   scripts/release.sh [--offline] [--rebuild-native] OUT
#
#   --offline         npm ci from the local npm cache only (what the test uses; fails if the cache lacks a package)
#   --rebuild-native  always compile/download better-sqlite3 for OUT instead of reusing this checkout's build
#
# Run it from a checkout where `npm ci` has been run (the compiler is a devDependency).
# The Dockerfile's build stage runs exactly this; docs/deployment.md and ADR 0080 explain why.
set -euo pipefail

offline=0
rebuild=0
out=''
for arg in "$@"; do
  case "$arg" in
    --offline) offline=1 ;;
    --rebuild-native) rebuild=1 ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "release: unknown option $arg" >&2; exit 2 ;;
    *) [ -z "$out" ] || { echo "release: one OUT directory, please" >&2; exit 2; }; out="$arg" ;;
  esac
done
[ -n "$out" ] || { echo "usage: scripts/release.sh [--offline] [--rebuild-native] OUT" >&2; exit 2; }
# OUT is relative to where the script was called from, not to the checkout.
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
[ -x node_modules/.bin/tsc ] || { echo "release: run 'npm ci' first (the compiler is a devDependency)" >&2; exit 1; }

# A fresh directory each time, so nothing stale (a renamed module, old node_modules) ships.
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  echo "release: $out exists and is not empty" >&2
  exit 1
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# Each line carries the seconds since the start, so slow steps show in any build log.
step() { printf 'release: [%3ss] %s\n' "$SECONDS" "$*" >&2; }

# 1. Compile straight into OUT: the checkout's own dist/ is left alone (tests may be running from it).
step "compiling src/ into $out/dist"
node_modules/.bin/tsc -p tsconfig.build.json --outDir "$out/dist"
# The admin console: static files only (React and Vite are build-time devDependencies), served at /admin.
step "building the admin console into $out/dist/console"
node_modules/.bin/vite build --config console/vite.config.ts --outDir "$out/dist/console" --emptyOutDir --logLevel warn

# 2. The manifest and lockfile; the runtime needs no lifecycle scripts (prestart would run tsc).
cp package.json package-lock.json "$out/"
[ -f LICENSE ] && cp LICENSE "$out/"
(
  cd "$out"
  npm pkg delete scripts >/dev/null
  npm pkg set 'scripts.start=node --max-semi-space-size=8 --heap-growing-percent=100 dist/src/main.js' 'scripts.cli=node dist/src/cli.js' >/dev/null
)

# 3. Production dependencies exactly as locked. Install scripts are skipped: the only production
#    package that has one is better-sqlite3 (its native addon), handled in step 4.
step "installing production dependencies (npm ci --omit=dev)"
ci_flags=(--omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
[ "$offline" = 1 ] && ci_flags+=(--offline)
(cd "$out" && npm ci "${ci_flags[@]}" >&2)

# 4. better-sqlite3's addon. Reuse this checkout's compiled one when it is the same package version
#    and loads in this Node (same ABI, platform and libc — checked by opening a database below);
#    otherwise, or with --rebuild-native, let its install script fetch a prebuilt one or compile it.
addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
version() { node -p "require('./$1/package.json').version" 2>/dev/null || true; }
smoke() { (cd "$out" && node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()") >/dev/null 2>&1; }
reused=0
if [ "$rebuild" = 0 ] && [ -f "$addon" ] &&
  [ "$(version node_modules/better-sqlite3)" = "$(cd "$out" && version node_modules/better-sqlite3)" ]; then
  mkdir -p "$out/$(dirname "$addon")"
  cp "$addon" "$out/$addon"
  if smoke; then reused=1; else rm -f "$out/$addon"; fi
fi
if [ "$reused" = 1 ]; then
  step "better-sqlite3: reused this checkout's compiled addon"
else
  step "better-sqlite3: building the native addon (npm rebuild; may take minutes)"
  rebuild_flags=()
  [ "$offline" = 1 ] && rebuild_flags+=(--offline)
  (cd "$out" && npm rebuild better-sqlite3 "${rebuild_flags[@]}" --loglevel=error)
  smoke || { echo "release: better-sqlite3 does not load in $out" >&2; exit 1; }
fi

step "done ($(du -sh "$out" | cut -f1)): cd $out && node dist/src/main.js"
