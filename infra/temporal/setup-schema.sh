#!/bin/sh
# Creates, or migrates to this server version's, Temporal's two schemas (persistence and visibility) in
# their Postgres databases, with Temporal's own SQL tool and the schemas it embeds. Idempotent. Run by
# `npm start -- --cluster` (infra/lib/cluster.mjs, the tool built into .tools/bin) and by docker-compose's
# `temporal-schema` job (temporalio/admin-tools), from the same variables as config/cluster.yaml.
set -eu
tool=${TEMPORAL_SQL_TOOL:-temporal-sql-tool}
export SQL_PLUGIN=postgres12
export SQL_HOST="$TEMPORAL_DB_HOST"
export SQL_PORT="${TEMPORAL_DB_PORT:-5432}"
export SQL_USER="$TEMPORAL_DB_USER"
export SQL_PASSWORD="$TEMPORAL_DB_PASSWORD"
for pair in "${TEMPORAL_DB_NAME:-temporal}:temporal" "${TEMPORAL_VISIBILITY_DB_NAME:-temporal_visibility}:visibility"; do
  database=${pair%%:*}
  schema=${pair##*:}
  "$tool" --quiet --db "$database" setup-schema -v 0.0
  "$tool" --quiet --db "$database" update-schema --schema-name "postgresql/v12/$schema"
  echo "schema $schema in database $database: up to date"
done
