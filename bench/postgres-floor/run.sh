#!/usr/bin/env bash
# PostgreSQL's own CPU for one order flow (create + confirm of 2 items), without this service:
# pgbench replays the flow's statements on a database migrated by this checkout and the CPU of
# its backends is read from /proc. today.sql: the statements the service sends (13 round trips);
# minimal.sql: the same rows written with the fewest, simplest statements, pipelined (7 round trips).
# Optional variants show what the schema costs: FKS=off drops the foreign keys, INDEXES=off the
# secondary indexes, PGOPTIONS='-c synchronous_commit=off' the commit flush. See docs/performance.md.
#   bench/postgres-floor/run.sh            (needs a built checkout: npm run build)
set -euo pipefail
cd "$(dirname "$0")"
ADMIN=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
DB=orders_floor_$$
URL=${ADMIN%/*}/$DB
psql -q "$ADMIN" -c "create database $DB"
trap 'psql -q "$ADMIN" -c "drop database if exists $DB with (force)"' EXIT
DATABASE_URL=$URL node ../../dist/src/cli.js migrate > /dev/null
psql -q "$URL" -f setup.sql
if [ "${FKS:-on}" = off ]; then
  psql -q "$URL" -c "alter table order_items drop constraint order_items_order_id_fkey, drop constraint order_items_product_id_fkey;
    alter table order_history drop constraint order_history_order_id_fkey; alter table stock_movements drop constraint stock_movements_product_id_fkey;
    alter table orders drop constraint orders_customer_id_fkey"
fi
if [ "${INDEXES:-on}" = off ]; then
  psql -q "$URL" -c "drop index orders_created_at_id_idx, orders_customer_id_idx, orders_customer_status_id_idx, orders_sales_idx, orders_status_id_idx, stock_movements_product_idx, outbox_due_idx"
fi
backends() { psql -Atq "$ADMIN" -c "select pid from pg_stat_activity where datname = '$DB' and backend_type = 'client backend'"; }
ticks() { local t=0 f; for p in $(backends); do read -ra f < "/proc/$p/stat" 2>/dev/null && t=$((t + f[13] + f[14])); done; echo "$t"; }
hz=$(getconf CLK_TCK)
for script in ${SCRIPTS:-id-only.sql before.sql today.sql minimal.sql}; do
  psql -q "$URL" -c "truncate orders, order_items, order_history, outbox, stock_movements" -c checkpoint
  out=$(mktemp)
  pgbench -n -c 16 -j 1 -T 12 -M prepared -f "$script" "$URL" > "$out" 2>&1 &
  pid=$!
  sleep 3; a=$(ticks); t0=$(date +%s.%N); sleep 7; b=$(ticks); t1=$(date +%s.%N)
  wait "$pid"
  # The id look-up (\gset) each flow starts with is one more round trip; id-only.sql prices it alone.
  awk -v s="$script" -v a="$a" -v b="$b" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v tps="$(grep -oP 'tps = \K[0-9.]+' "$out")" \
    'BEGIN { printf "%-12s %6.0f flows/s  PostgreSQL CPU %4.0f%%  %5.0f µs per flow\n", s, tps, (b-a)/hz/(t1-t0)*100, (b-a)/hz*1e6/((t1-t0)*tps) }'
  grep -iE 'error|abort' "$out" | head -3 || true
done
