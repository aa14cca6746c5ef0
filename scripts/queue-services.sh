# Sourced by start.sh --queue: PostgreSQL (n8n's database) and Redis (its queue) for n8n's queue mode,
# from Debian's packages, on loopback ports, with their data under $STATE so a restart keeps them.
# Defines start_queue_services / stop_queue_services and exports the environment every n8n process
# of the queue needs.
PG_PORT=${PG_PORT:-5690}
REDIS_PORT=${REDIS_PORT:-5691}
WEBHOOK_PORT=${WEBHOOK_PORT:-5682}

as_postgres() { # PostgreSQL refuses to run as root: as root, its files belong to Debian's postgres user
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_queue_services() {
	local pg_bin redis_bin
	pg_bin=$(bash "$ROOT/scripts/services/ensure-postgres.sh")
	redis_bin=$(bash "$ROOT/scripts/services/ensure-redis.sh")
	mkdir -p "$STATE/pg" "$STATE/redis"
	[ "$(id -u)" = 0 ] && chown postgres: "$STATE/pg"
	if [ ! -f "$STATE/pg/data/PG_VERSION" ]; then
		as_postgres "$pg_bin/initdb" -D "$STATE/pg/data" -U postgres --auth=trust -E UTF8 > "$STATE/pg/initdb.log"
	fi
	as_postgres "$pg_bin/pg_ctl" -D "$STATE/pg/data" -l "$STATE/pg/server.log" -w \
		-o "-p $PG_PORT -k $STATE/pg -c listen_addresses=127.0.0.1" start > /dev/null
	psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='n8n'" | grep -q 1 ||
		psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE n8n" > /dev/null
	# The queue is kept in an append-only file synced on every write: a Redis restart loses no job.
	setsid "$redis_bin" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$STATE/redis" --save '' \
		--appendonly yes --appendfsync always > "$STATE/redis/redis.log" 2>&1 &
	REDIS_PID=$!
	until grep -q "Ready to accept connections" "$STATE/redis/redis.log" 2>/dev/null; do
		kill -0 "$REDIS_PID" 2>/dev/null || { cat "$STATE/redis/redis.log"; return 1; }
		sleep 0.2
	done
	export EXECUTIONS_MODE=queue QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT=$REDIS_PORT
	export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT=$PG_PORT
	export DB_POSTGRESDB_DATABASE=n8n DB_POSTGRESDB_USER=postgres DB_POSTGRESDB_PASSWORD=trust-auth
	# Production webhooks are served by the webhook process; registrations advertise its URL.
	export N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true WEBHOOK_URL="http://127.0.0.1:$WEBHOOK_PORT/"
	export OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true
	# Build an expression isolate only when an expression needs one (docs/trigger.md#throughput).
	export N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=${N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE:-true}
}

stop_queue_services() {
	[ -n "${REDIS_PID:-}" ] && kill -TERM "$REDIS_PID" 2>/dev/null || true
	local pg_bin
	pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	[ -f "$STATE/pg/data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$STATE/pg/data" -m fast stop > /dev/null 2>&1 || true
}
