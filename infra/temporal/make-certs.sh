#!/bin/sh
# docker-compose's one-shot `temporal-certs`: a private CA for this deployment, the Temporal server's
# certificate (frontend and internode) and one client certificate per service, each in its own folder of the
# `temporal-certs` volume (cert.pem, key.pem, ca.pem), which only that service mounts. Made once; kept.
set -eu
OUT=/certs
if [ -f "$OUT/.made" ]; then
  echo "temporal certificates already made"
  exit 0
fi
apk add --no-cache openssl >/dev/null

work=$(mktemp -d)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
  -subj "/CN=nhs-complaints Temporal CA" -keyout "$work/ca.key" -out "$work/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

# issue <name> <extendedKeyUsage> [subjectAltName]
issue() {
  dir="$OUT/$1"
  mkdir -p "$dir"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature"
    echo "extendedKeyUsage=$2"
    if [ -n "${3:-}" ]; then echo "subjectAltName=$3"; fi
  } >"$work/$1.cnf"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" \
    -keyout "$dir/key.pem" -out "$work/$1.csr"
  openssl x509 -req -in "$work/$1.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
    -days 825 -extfile "$work/$1.cnf" -out "$dir/cert.pem"
  cp "$work/ca.pem" "$dir/ca.pem"
  # Every image here runs as uid 1000 (node, temporal).
  chown -R 1000:1000 "$dir"
  chmod 0500 "$dir"
  chmod 0400 "$dir/key.pem"
}

issue temporal serverAuth,clientAuth DNS:temporal
for service in complaints-api worker correspondence joint-protocol temporal-ui; do
  issue "$service" clientAuth
done
# The CA key is not kept: nothing else can be issued into this deployment without making a new CA.
rm -rf "$work"
touch "$OUT/.made"
echo "temporal certificates made"
