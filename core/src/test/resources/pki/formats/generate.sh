#!/usr/bin/env bash
# Regenerates the import-format fixtures with openssl and keytool (run from this folder; OpenSSL 3.0, any JDK's
# keytool). One chain root CA -> intermediate CA -> leaf per key type, and each leaf in every format the import takes.
# Passphrase / password of every encrypted file: "secret". Validity 100 years from the day of generation.
# The tests read only the outputs; rerun when a fixture must change and commit the result.
#
#   <type>.key.pem                  PKCS#8, unencrypted
#   <type>-pkcs8-encrypted.key.pem  encrypted PKCS#8 (PBES2, AES-256-CBC)            "BEGIN ENCRYPTED PRIVATE KEY"
#   <type>-legacy-encrypted.key.pem legacy OpenSSL PEM encryption (rsa, ec256 only)  "Proc-Type: 4,ENCRYPTED"
#   <type>.crt.der                  the leaf, DER
#   <type>.chain.pem                leaf, intermediate, root (PEM)
#   <type>.p12                      PKCS#12, OpenSSL 3 default (PBES2 AES-256-CBC, SHA-256 MAC), with the chain
#   <type>-legacy.p12               PKCS#12 made with -legacy (RC2-40 certificates, 3DES key, SHA-1 MAC)
#   keytool-ec256.p12               a PKCS#12 keystore made by keytool -genkeypair (one self-signed entry)
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pem ./*.der ./*.p12 ./*.csr ./*.cnf ./*.srl
days=36500
pass=pass:secret

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root.key.pem -out root.crt.pem \
    -days $days -subj "/CN=certgate formats root CA" \
    -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout intermediate.key.pem \
    -out intermediate.csr -subj "/CN=certgate formats intermediate CA"
printf 'basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > ca.cnf
openssl x509 -req -in intermediate.csr -CA root.crt.pem -CAkey root.key.pem -CAcreateserial -days $days \
    -extfile ca.cnf -out intermediate.crt.pem

leaf() { # type, genpkey options...
    local type=$1; shift
    openssl genpkey "$@" -out "$type.key.pem"
    openssl req -new -key "$type.key.pem" -out "$type.csr" -subj "/CN=$type.formats.example.test"
    printf 'subjectAltName=DNS:%s.formats.example.test\nextendedKeyUsage=serverAuth\n' "$type" > "$type.cnf"
    openssl x509 -req -in "$type.csr" -CA intermediate.crt.pem -CAkey intermediate.key.pem -CAcreateserial \
        -days $days -extfile "$type.cnf" -out "$type.crt.pem"
    cat "$type.crt.pem" intermediate.crt.pem root.crt.pem > "$type.chain.pem"
    openssl x509 -in "$type.crt.pem" -outform DER -out "$type.crt.der"
    openssl pkcs8 -topk8 -in "$type.key.pem" -v2 aes-256-cbc -passout $pass -out "$type-pkcs8-encrypted.key.pem"
    openssl pkcs12 -export -in "$type.crt.pem" -inkey "$type.key.pem" -certfile <(cat intermediate.crt.pem root.crt.pem) \
        -name "$type" -passout $pass -out "$type.p12"
    openssl pkcs12 -export -legacy -in "$type.crt.pem" -inkey "$type.key.pem" \
        -certfile <(cat intermediate.crt.pem root.crt.pem) -name "$type" -passout $pass -out "$type-legacy.p12"
    rm -f "$type.csr" "$type.cnf" "$type.crt.pem"
}
leaf rsa2048 -algorithm RSA -pkeyopt rsa_keygen_bits:2048
leaf rsa8192 -algorithm RSA -pkeyopt rsa_keygen_bits:8192
leaf ec256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
leaf ec384 -algorithm EC -pkeyopt ec_paramgen_curve:P-384
leaf ec521 -algorithm EC -pkeyopt ec_paramgen_curve:P-521
leaf ed25519 -algorithm ED25519

# Legacy PEM encryption: OpenSSL 3.0 writes "Proc-Type: 4,ENCRYPTED" with -traditional (RSA and EC only; Ed25519
# has no traditional form)
for type in rsa2048 ec256; do
    openssl pkey -in "$type.key.pem" -traditional -aes256 -passout $pass -out "$type-legacy-encrypted.key.pem"
done

# keytool's own PKCS#12 (its default: PBES2 AES-256, HMAC-SHA256)
keytool -genkeypair -keyalg EC -groupname secp256r1 -alias keytool -storetype PKCS12 -keystore keytool-ec256.p12 \
    -storepass secret -dname CN=keytool.formats.example.test -ext SAN=dns:keytool.formats.example.test \
    -validity $days 2>/dev/null

# Only what the tests read is kept: the CA keys go
rm -f root.key.pem intermediate.key.pem intermediate.csr ca.cnf ./*.srl
