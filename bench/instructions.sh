#!/usr/bin/env bash
# Instructions per request of the built server, counted by valgrind's callgrind: a figure that,
# unlike req/s or CPU time, does not drift with what else the host is doing (on the 2-core
# hosts here a CPU-bound loop varies ±25 % from run to run; this count, ±1–5 %, the spread
# being V8's own JIT and GC timing). User space only: the kernel's share (socket writes,
# SQLite's file locks) is not in it — `npm run bench` measures that.
#
#   bash bench/instructions.sh '/products?limit=20' [requests=4000] [warm-up=6000]
#   bash bench/instructions.sh product            # GET /products/{first seeded id}
#
# Starts dist/src/main.js (npm run build first) under callgrind with instrumentation off,
# seeds 1,000 products, warms up with 32 connections, then counts only the measured requests.
# Requests time out only after 120 s: under valgrind on a busy host a queue of 32 is slow, not lost.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install -y valgrind)"; exit 1; }
[ -f dist/src/main.js ] || { echo "run npm run build first"; exit 1; }
path=${1:?usage: bench/instructions.sh PATH|product [requests] [warm-up]}
n=${2:-4000}
warm=${3:-6000}
dir=$(mktemp -d /tmp/orders-instr-XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
export DATA_DIR="$dir" DATABASE_URL="sqlite:$dir/db.sqlite" NODE_ENV=production LOG_LEVEL=warn RUN_WORKER=false \
  JWT_SECRET="instructions-count-secret-0123456789abcdef" HOST=127.0.0.1 PORT="${PORT:-3990}"
node dist/src/cli.js migrate >/dev/null
node dist/src/cli.js seed --products 1000 >/dev/null
valgrind --tool=callgrind --smc-check=all-non-file --instr-atstart=no --callgrind-out-file="$dir/cg.%p" \
  node --max-semi-space-size=8 --heap-growing-percent=100 dist/src/main.js >"$dir/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$PORT"
# Under valgrind on a busy host the server may take minutes to start.
for _ in $(seq 1200); do curl -sf "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "$base/health/ready" >/dev/null || { echo "the server did not start:"; cat "$dir/server.log"; exit 1; }
if [ "$path" = product ]; then
  path="/products/$(curl -sf "$base/products?limit=1" | node -e 'process.stdin.on("data", (d) => process.stdout.write(JSON.parse(d).items[0].id))')"
fi
load() { node -e '
  const autocannon = require("autocannon");
  let first;
  const run = autocannon({ url: process.argv[1], connections: 32, amount: Number(process.argv[2]), timeout: 120 }, (err, r) => {
    if (err || r.non2xx > 0 || r.errors > 0) { console.error("load failed:", err ?? `${r.non2xx} non-2xx, ${r.errors} errors (${first})`); process.exit(1); }
  });
  run.on("reqError", (e) => (first ??= e.message));' "$base$path" "$1"; }
load "$warm"
callgrind_control -i on "$pid" >/dev/null 2>&1
load "$n"
callgrind_control -i off "$pid" >/dev/null 2>&1
callgrind_control -d "$pid" >/dev/null 2>&1
ir=$(grep -h '^totals:' "$dir"/cg.* | awk '{s += $2} END {print s}')
echo "GET $path: $((ir / n)) instructions/request (user space, $n requests after $warm)"
