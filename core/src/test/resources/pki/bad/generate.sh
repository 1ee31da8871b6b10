#!/usr/bin/env bash
# Regenerates the negative corpus with openssl and keytool (run from this folder; OpenSSL 3.0): one case per fault
# the import must name. Passphrase / password "secret" unless the fault is the passphrase itself. Validity 100 years
# from the day of generation unless the fault is the date. The oversized upload is made in memory by the test.
# The tests read only the outputs; rerun when a fixture must change and commit the result.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf ./*.pem ./*.bin ./*.p12 ./*.csr ./*.cnf ./*.srl dated-ca
days=36500

# A root CA and an intermediate CA, as a public CA would have them
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root.key.pem -out root.crt.pem \
    -days $days -subj "/CN=certgate bad root CA" \
    -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout intermediate.key.pem \
    -out intermediate.csr -subj "/CN=certgate bad intermediate CA"
printf 'basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > ca.cnf
openssl x509 -req -in intermediate.csr -CA root.crt.pem -CAkey root.key.pem -CAcreateserial -days $days \
    -extfile ca.cnf -out intermediate.crt.pem

signed() { # name, issuer (root|intermediate), digest, genpkey options...: <name>.key.pem, <name>.crt.pem
    local name=$1 issuer=$2 digest=$3; shift 3
    openssl genpkey "$@" -out "$name.key.pem"
    openssl req -new -key "$name.key.pem" -out "$name.csr" -subj "/CN=$name.bad.example.test"
    printf 'subjectAltName=DNS:%s.bad.example.test\n' "$name" > "$name.cnf"
    openssl x509 -req -in "$name.csr" -CA "$issuer.crt.pem" -CAkey "$issuer.key.pem" -CAcreateserial -days $days \
        "-$digest" -extfile "$name.cnf" -out "$name.crt.pem"
    rm -f "$name.csr" "$name.cnf"
}
selfsigned() { # name, req options...: <name>.key.pem, <name>.crt.pem
    local name=$1; shift
    openssl req -x509 "$@" -nodes -keyout "$name.key.pem" -out "$name.crt.pem" -days $days \
        -subj "/CN=$name.bad.example.test" -addext "subjectAltName=DNS:$name.bad.example.test"
}

# A good leaf under the intermediate, for the faults of the chain and of the inputs
signed good intermediate sha256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
# the chain given root first ("swapped"), leaf in the middle ("shuffled")
cat root.crt.pem intermediate.crt.pem good.crt.pem > swapped-chain.pem
cat intermediate.crt.pem good.crt.pem root.crt.pem > shuffled-chain.pem
# the intermediate missing: the leaf alone, and the leaf with the root but without the intermediate
cp good.crt.pem missing-intermediate.pem
cat good.crt.pem root.crt.pem > unlinked-chain.pem
# a certificate that has nothing to do with the leaf, and a duplicate
selfsigned stranger -newkey ec -pkeyopt ec_paramgen_curve:P-256
cat good.crt.pem intermediate.crt.pem root.crt.pem stranger.crt.pem > unrelated-chain.pem
cat good.crt.pem intermediate.crt.pem intermediate.crt.pem root.crt.pem good.crt.pem > duplicates-chain.pem
# cut short in the middle of the base64
head -c 400 good.crt.pem > truncated.pem
# the key encrypted with another passphrase than "secret", as PKCS#8 and as legacy PEM
openssl pkcs8 -topk8 -in good.key.pem -v2 aes-256-cbc -passout pass:not-the-secret -out wrong-passphrase.key.pem
openssl pkey -in good.key.pem -traditional -aes256 -passout pass:not-the-secret -out wrong-passphrase-legacy.key.pem
# a PKCS#12 with another password, one with no key, one with two key entries (keytool)
openssl pkcs12 -export -in good.crt.pem -inkey good.key.pem -passout pass:not-the-secret -out wrong-password.p12
openssl pkcs12 -export -nokeys -in good.crt.pem -passout pass:secret -out no-key.p12
for alias in one two; do
    keytool -genkeypair -keyalg EC -groupname secp256r1 -alias $alias -storetype PKCS12 -keystore two-keys.p12 \
        -storepass secret -dname CN=$alias.bad.example.test -validity $days 2>/dev/null
done
# the key of another certificate
selfsigned mismatched -newkey ec -pkeyopt ec_paramgen_curve:P-256
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out mismatched.key.pem

# Keys the gateway refuses: RSA 1024, RSA 8704 (over 8192), EC on secp256k1 and P-192
selfsigned rsa1024 -newkey rsa:1024
selfsigned rsa8704 -newkey rsa:8704
selfsigned secp256k1 -newkey ec -pkeyopt ec_paramgen_curve:secp256k1
selfsigned p192 -newkey ec -pkeyopt ec_paramgen_curve:P-192
# another key on secp256k1: not the key of secp256k1.crt.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out secp256k1-other.key.pem

# Signed with SHA-1 by the root (the chain is otherwise complete)
signed sha1 root sha1 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
cat sha1.crt.pem root.crt.pem > sha1-chain.pem

# Dated: expired on 2021-01-01, and not valid before 2099-01-01 (openssl ca sets any dates)
mkdir -p dated-ca && : > dated-ca/index.txt && echo 01 > dated-ca/serial
cat > dated-ca/ca.cnf <<CNF
[ca]
default_ca = dated
[dated]
dir = $(pwd)/dated-ca
database = \$dir/index.txt
unique_subject = no
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = anything
copy_extensions = copy
[anything]
commonName = supplied
CNF
dated() { # name, start, end
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key.pem" -out "$1.csr" \
        -subj "/CN=$1.bad.example.test" -addext "subjectAltName=DNS:$1.bad.example.test"
    openssl ca -batch -config dated-ca/ca.cnf -selfsign -keyfile "$1.key.pem" -in "$1.csr" -out "$1.crt.pem" \
        -notext -startdate "$2" -enddate "$3" 2>/dev/null
    rm -f "$1.csr"
}
dated expired 20200101000000Z 20210101000000Z
dated notyet 20990101000000Z 21000101000000Z

# Not any format: random bytes
head -c 600 /dev/urandom > garbage.bin

rm -rf root.key.pem intermediate.key.pem intermediate.csr ca.cnf ./*.srl dated-ca stranger.key.pem
