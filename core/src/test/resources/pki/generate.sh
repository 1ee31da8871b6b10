#!/usr/bin/env bash
# Regenerates the PKI test fixtures with openssl (run from this folder). Validity 100 years, except expired.*.
# The tests read only these files; rerun when a fixture must change and commit the result.
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pem ./*.txt ./*.cnf ./*.csr ./*.srl; rm -rf expired-ca
days=36500

# RSA 2048: PKCS#8 key, and the same key as PKCS#1 ("RSA PRIVATE KEY")
openssl req -x509 -newkey rsa:2048 -nodes -keyout rsa.key.pem -out rsa.crt.pem -days $days \
    -subj /CN=rsa.example.test -addext "subjectAltName=DNS:rsa.example.test,DNS:www.rsa.example.test"
openssl pkey -in rsa.key.pem -traditional -out rsa-pkcs1.key.pem

# EC P-256: PKCS#8 key, and the same key as SEC1 ("EC PRIVATE KEY")
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ec.key.pem -out ec.crt.pem \
    -days $days -subj /CN=ec.example.test -addext "subjectAltName=DNS:ec.example.test"
openssl ec -in ec.key.pem -out ec-sec1.key.pem
# EC P-384 from "openssl ecparam -genkey": an EC PARAMETERS block before the EC PRIVATE KEY
openssl ecparam -name secp384r1 -genkey -out ec384-params.key.pem
openssl req -x509 -key ec384-params.key.pem -out ec384.crt.pem -days $days -subj /CN=ec384.example.test \
    -addext "subjectAltName=DNS:ec384.example.test"

# Ed25519
openssl req -x509 -newkey ed25519 -nodes -keyout ed25519.key.pem -out ed25519.crt.pem -days $days \
    -subj /CN=ed.example.test -addext "subjectAltName=DNS:ed.example.test"

# Wildcard, and a certificate without SAN (old style: the CN is the host name)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout wildcard.key.pem \
    -out wildcard.crt.pem -days $days -subj "/CN=*.apps.example.test" \
    -addext "subjectAltName=DNS:*.apps.example.test,DNS:apps.example.test"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout nosan.key.pem -out nosan.crt.pem \
    -days $days -subj /CN=NoSan.Example.Test

# A CA and a leaf it signed; the chain in order and reversed
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key.pem -out ca.crt.pem \
    -days $days -subj "/CN=certgate test CA" -addext basicConstraints=critical,CA:true
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key.pem -out leaf.csr \
    -subj /CN=leaf.example.test
printf 'subjectAltName=DNS:leaf.example.test\n' > leaf.cnf
openssl x509 -req -in leaf.csr -CA ca.crt.pem -CAkey ca.key.pem -CAcreateserial -days $days -extfile leaf.cnf \
    -out leaf.crt.pem
cat leaf.crt.pem ca.crt.pem > chain.pem
cat ca.crt.pem leaf.crt.pem > chain-reversed.pem

# An encrypted PKCS#8 key (passphrase "secret")
openssl pkcs8 -topk8 -in ec.key.pem -v2 aes-256-cbc -passout pass:secret -out ec-encrypted.key.pem

# Expired on 2021-01-01 (openssl ca can set past dates)
mkdir -p expired-ca && : > expired-ca/index.txt && echo 01 > expired-ca/serial
cat > expired-ca/ca.cnf <<CNF
[ca]
default_ca = expired
[expired]
dir = $(pwd)/expired-ca
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = anything
copy_extensions = copy
[anything]
commonName = supplied
CNF
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout expired.key.pem -out expired.csr \
    -subj /CN=expired.example.test -addext "subjectAltName=DNS:expired.example.test"
openssl ca -batch -config expired-ca/ca.cnf -selfsign -keyfile expired.key.pem -in expired.csr -out expired.crt.pem \
    -notext -startdate 20200101000000Z -enddate 20210101000000Z 2>/dev/null

# A leaf of the test CA naming where its revocation is published: two CRL distribution points and an OCSP responder
# (a CA such as Let's Encrypt since 2025 names a CRL only; CertificateDetailsTest reads both)
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout revocation.key.pem -out revocation.csr \
    -subj /CN=revocation.example.test
printf '%s\n' 'subjectAltName=DNS:revocation.example.test' \
    'crlDistributionPoints=URI:http://crl.example.test/ca.crl,URI:http://crl2.example.test/ca.crl' \
    'authorityInfoAccess=OCSP;URI:http://ocsp.example.test/' > revocation.cnf
openssl x509 -req -in revocation.csr -CA ca.crt.pem -CAkey ca.key.pem -CAcreateserial -days $days \
    -extfile revocation.cnf -out revocation.crt.pem
rm -f revocation.csr revocation.cnf revocation.key.pem

# What openssl says of them, for the tests to compare with
for c in rsa ec ed25519 leaf; do
    openssl x509 -in $c.crt.pem -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f' > $c.sha256.txt
done
rm -rf leaf.csr leaf.cnf expired.csr expired-ca ca.srl ca.crt.srl
