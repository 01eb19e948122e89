#!/bin/sh
# The cluster's certificates (ADR 0012, ADR 0020): a private CA, the Temporal server's certificate
# (frontend and internode, CN=temporal) and one client certificate per identity, each in its own folder
# (cert.pem, key.pem, ca.pem) of $CERTS_DIR. Used by `npm start -- --cluster` (infra/lib/certificates.mjs)
# and by docker-compose's one-shot `temporal-certs`, where each service mounts only its own folder.
# Every run makes a new CA and new certificates (rotation is re-running it); the CA key is not kept, so
# nothing else can be issued into this deployment without making a new CA.
# The server's authoriser (infra/temporal/server/policy.go) knows the identities by these names.
set -eu
OUT=${CERTS_DIR:-/certs}
DAYS=${CERTS_DAYS:-30}
IDENTITIES="complaints-api worker correspondence joint-protocol temporal-ui operations"
if ! command -v openssl >/dev/null 2>&1; then apk add --no-cache openssl >/dev/null; fi

mkdir -p "$OUT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$DAYS" \
  -subj "/CN=nhs-complaints Temporal CA" -keyout "$work/ca.key" -out "$work/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# issue <name> <extendedKeyUsage> [subjectAltName]: written beside the old one, then swapped in whole.
issue() {
  next="$OUT/.$1.next"
  if [ -d "$next" ]; then chmod -R u+w "$next" && rm -rf "$next"; fi
  mkdir -p "$next"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature"
    echo "extendedKeyUsage=$2"
    if [ -n "${3:-}" ]; then echo "subjectAltName=$3"; fi
  } >"$work/$1.cnf"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" \
    -keyout "$next/key.pem" -out "$work/$1.csr" 2>/dev/null
  openssl x509 -req -in "$work/$1.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
    -days "$DAYS" -extfile "$work/$1.cnf" -out "$next/cert.pem" 2>/dev/null
  cp "$work/ca.pem" "$next/ca.pem"
  # In compose every image runs as uid 1000 (node, temporal).
  if [ -n "${CERTS_OWNER:-}" ]; then chown -R "$CERTS_OWNER" "$next"; fi
  chmod 0400 "$next/key.pem"
  chmod 0500 "$next"
  if [ -d "$OUT/$1" ]; then chmod -R u+w "$OUT/$1" && rm -rf "$OUT/$1"; fi
  mv "$next" "$OUT/$1"
}

issue temporal serverAuth,clientAuth "DNS:temporal,DNS:temporal-history,DNS:localhost,IP:127.0.0.1"
for identity in $IDENTITIES; do
  issue "$identity" clientAuth
done
echo "temporal certificates made in $OUT"
