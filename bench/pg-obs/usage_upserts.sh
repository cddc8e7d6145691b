#!/bin/sh
# Usage rollup upserts on PostgreSQL (the SQL of Storage/Postgres/Observability/PostgresUsageStore.AddAsync), with pgbench:
# 1 and 4 clients (as nodes) on one hot row (one user) and spread over 100 rows, 10 s each. Afterwards the sum of
# calls must equal the number of transactions pgbench reports: no increment is lost under concurrency.
# Needs Debian's postgresql package; run as root (the server runs as the postgres user). Usage: bench/pg-obs/usage_upserts.sh
set -eu
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=$(mktemp -d /tmp/lodestar-usage-bench-XXXX)
PORT=${PORT:-55431}
chown postgres "$DIR"
as_pg() { su postgres -s /bin/sh -c "$1"; }
trap 'as_pg "$BIN/pg_ctl -D $DIR/data -m fast -w stop >/dev/null" || true; rm -rf "$DIR"' EXIT
as_pg "$BIN/initdb -D $DIR/data -A trust -U postgres >/dev/null && $BIN/pg_ctl -D $DIR/data -o '-p $PORT -k $DIR' -l $DIR/log -w start >/dev/null"
cat > "$DIR/upsert.sql" <<'SQL'
\set u random(1, :users)
INSERT INTO obs_usage AS u (day, tenant, user_id, key_id, kb, model, calls, input_tokens, output_tokens, embeddings, cost_nanos) VALUES ('2026-11-22', 'acme', 'user' || :u, 'k1', 'handbook', 'gpt-x', 1, 120, 30, 1, 123456) ON CONFLICT (tenant, day, user_id, key_id, kb, model) DO UPDATE SET calls = u.calls + 1, input_tokens = u.input_tokens + excluded.input_tokens, output_tokens = u.output_tokens + excluded.output_tokens, embeddings = u.embeddings + excluded.embeddings, cost_nanos = u.cost_nanos + excluded.cost_nanos;
SQL
chown postgres "$DIR/upsert.sql"
as_pg "$BIN/psql -h $DIR -p $PORT -q -c 'CREATE TABLE obs_usage (day TEXT NOT NULL, tenant TEXT NOT NULL, user_id TEXT NOT NULL, key_id TEXT NOT NULL, kb TEXT NOT NULL, model TEXT NOT NULL, calls BIGINT NOT NULL, input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL, embeddings BIGINT NOT NULL, cost_nanos BIGINT NOT NULL, PRIMARY KEY (tenant, day, user_id, key_id, kb, model))'"
total=0
for run in "1 1" "4 1" "1 100" "4 100"; do
  set -- $run
  out=$(as_pg "$BIN/pgbench -h $DIR -p $PORT -n -c $1 -j $1 -T 10 -D users=$2 -f $DIR/upsert.sql postgres 2>&1")
  done_tx=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
  total=$((total + done_tx))
  echo "clients=$1 rows=$2 $(echo "$out" | grep -E '^tps' | cut -d' ' -f1-3) $(echo "$out" | grep 'latency average')"
done
calls=$(as_pg "$BIN/psql -h $DIR -p $PORT -At -c 'SELECT sum(calls) FROM obs_usage'")
echo "transactions=$total sum(calls)=$calls"
[ "$total" = "$calls" ]
