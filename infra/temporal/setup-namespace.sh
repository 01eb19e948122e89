#!/bin/sh
# Once the frontend answers: the complaints namespace and the search attributes the workflows upsert
# (packages/temporal/src/search-attributes.ts; infra/test/compose.test.js keeps the two lists equal).
# Done as the server's own identity (an administrator); the services may not do it (ADR 0020).
# Idempotent. Run by `npm start -- --cluster` and by docker-compose's `temporal-namespace` job.
# The Temporal CLI reads TEMPORAL_ADDRESS and TEMPORAL_TLS_{CA,CERT,KEY,SERVER_NAME}.
set -eu
temporal=${TEMPORAL_CLI:-temporal}
namespace=${TEMPORAL_NAMESPACE:-default}
SEARCH_ATTRIBUTES="ComplaintReference:Keyword Organisation:Keyword Stage:Keyword NextDeadline:Datetime Breached:Bool Joint:Bool UnderOversight:Bool LeadOrganisation:Keyword PartnerOrganisations:KeywordList LatePartners:KeywordList"

tries=0
until "$temporal" operator cluster health 2>/dev/null | grep -q SERVING; do
  tries=$((tries + 1))
  if [ "$tries" -ge 120 ]; then echo "the Temporal frontend did not answer" >&2; exit 1; fi
  sleep 1
done
if ! "$temporal" operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  "$temporal" operator namespace create --namespace "$namespace" --retention "${TEMPORAL_NAMESPACE_RETENTION:-30d}"
fi
# A namespace just made takes a moment to reach every frontend.
tries=0
until known=$("$temporal" operator search-attribute list --namespace "$namespace" 2>/dev/null); do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then echo "namespace $namespace not ready" >&2; exit 1; fi
  sleep 1
done
for pair in $SEARCH_ATTRIBUTES; do
  name=${pair%%:*}
  type=${pair##*:}
  if ! printf '%s\n' "$known" | grep -qw "$name"; then
    "$temporal" operator search-attribute create --namespace "$namespace" --name "$name" --type "$type"
  fi
done
echo "namespace $namespace ready"
