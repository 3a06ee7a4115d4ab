#!/usr/bin/env bash
# Instructions per order flow of the built server, counted by callgrind (see instructions.sh for
# why instructions): one flow is POST /orders with two items as a registered user, then
# POST /orders/{id}/confirm — the write path (transactions, stock, outbox) end to end.
#
#   bash bench/instructions-order-flow.sh [flows=1500] [warm-up=1500] [concurrency=8]
#
# Starts dist/src/main.js (npm run build first) under callgrind with instrumentation off, seeds
# 1,000 products, registers one user, warms up, then counts only the measured flows.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install -y valgrind)"; exit 1; }
[ -f dist/src/main.js ] || { echo "run npm run build first"; exit 1; }
n=${1:-1500}
warm=${2:-1500}
conc=${3:-8}
dir=$(mktemp -d /tmp/orders-instr-XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
export DATA_DIR="$dir" DATABASE_URL="sqlite:$dir/db.sqlite" NODE_ENV=production LOG_LEVEL=warn RUN_WORKER=false \
  JWT_SECRET="instructions-count-secret-0123456789abcdef" TOKEN_TTL_SECONDS=86400 HOST=127.0.0.1 PORT="${PORT:-3990}"
node dist/src/cli.js migrate >/dev/null
node dist/src/cli.js seed --products 1000 >/dev/null
valgrind --tool=callgrind --smc-check=all-non-file --instr-atstart=no --callgrind-out-file="$dir/cg.%p" \
  node --max-semi-space-size=8 --heap-growing-percent=100 dist/src/main.js >"$dir/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$PORT"
# Under valgrind on a busy host the server may take minutes to start.
for _ in $(seq 1200); do curl -sf "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "$base/health/ready" >/dev/null || { echo "the server did not start:"; cat "$dir/server.log"; exit 1; }
token=$(node -e '
  const base = process.argv[1];
  const post = (path, body, headers = {}) => fetch(base + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  (async () => {
    const credentials = { email: "flow@example.com", password: "flow-password-123" };
    if ((await post("/users", credentials)).status !== 201) throw new Error("register failed");
    const r = await post("/auth/token", credentials);
    if (r.status !== 200) throw new Error("login failed");
    process.stdout.write((await r.json()).access_token);
  })().catch((e) => { console.error(e.message); process.exit(1); });' "$base")
products=$(curl -sf "$base/products?limit=100" | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => process.stdout.write(JSON.parse(s).items.map((p) => p.id).join(",")))')
flows() { node -e '
  const [base, token, ids, total, concurrency] = process.argv.slice(1);
  const products = ids.split(",");
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  let started = 0;
  const flow = async (n) => {
    const items = [0, 1].map((k) => ({ productId: products[(n * 2 + k) % products.length], quantity: 1 }));
    const created = await fetch(`${base}/orders`, { method: "POST", headers, body: JSON.stringify({ items }) });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
    const { id } = await created.json();
    const confirmed = await fetch(`${base}/orders/${id}/confirm`, { method: "POST", headers: { authorization: headers.authorization } });
    if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${await confirmed.text()}`);
    await confirmed.arrayBuffer();
  };
  const worker = async () => { while (started < Number(total)) await flow(started++); };
  Promise.all(Array.from({ length: Number(concurrency) }, worker)).catch((e) => { console.error("flow failed", e.message); process.exit(1); });
  ' "$base" "$token" "$products" "$1" "$conc"; }
flows "$warm"
callgrind_control -i on "$pid" >/dev/null 2>&1
flows "$n"
callgrind_control -i off "$pid" >/dev/null 2>&1
callgrind_control -d "$pid" >/dev/null 2>&1
ir=$(grep -h '^totals:' "$dir"/cg.* | awk '{s += $2} END {print s}')
echo "order flow (POST /orders + confirm): $((ir / n)) instructions/flow (user space, $n flows after $warm, $conc concurrent)"
