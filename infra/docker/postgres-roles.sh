#!/bin/sh
# Run once by the postgres image on a new data volume (/docker-entrypoint-initdb.d): the schema's owner and
# one login per service (docs/adr/0015-database-roles.md). The migrate job then grants each its privileges.
# Also Temporal's own login and its two databases, owned by it (ADR 0020; infra/lib/cluster.mjs makes the
# same for `npm start -- --cluster`); the temporal-schema job fills them.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner="$COMPLAINTS_OWNER_PASSWORD" \
  -v api="$COMPLAINTS_API_DB_PASSWORD" \
  -v correspondence="$COMPLAINTS_CORRESPONDENCE_DB_PASSWORD" \
  -v worker="$COMPLAINTS_WORKER_DB_PASSWORD" \
  -v joint="$COMPLAINTS_JOINT_PROTOCOL_DB_PASSWORD" \
  -v temporal="$TEMPORAL_DB_PASSWORD" \
  -v public_web="$COMPLAINTS_PUBLIC_WEB_DB_PASSWORD" <<'SQL'
CREATE ROLE complaints_owner LOGIN PASSWORD :'owner';
CREATE ROLE complaints_api LOGIN PASSWORD :'api';
CREATE ROLE complaints_correspondence LOGIN PASSWORD :'correspondence';
CREATE ROLE complaints_worker LOGIN PASSWORD :'worker';
CREATE ROLE complaints_joint_protocol LOGIN PASSWORD :'joint';
CREATE ROLE complaints_public_web LOGIN PASSWORD :'public_web';
ALTER DATABASE complaints OWNER TO complaints_owner;
ALTER SCHEMA public OWNER TO complaints_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE ROLE temporal LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'temporal';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
SQL
