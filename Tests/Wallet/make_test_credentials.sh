#!/usr/bin/env bash
# Throwaway wallet credentials for tests, made with OpenSSL into DIR:
#   root.pem/root.key   a certificate authority standing in for Apple's WWDR certificate
#   pass.pem/pass.key   a pass certificate issued by it (what Apple's developer account gives)
#   google.json         a Google service account's JSON key file (an RSA key; client_email)
#   google-public.pem   its public key, for verifying the save links' JWTs
# Usage: make_test_credentials.sh DIR [DAYS]   (DAYS: the pass certificate's life; default 365; 0: expired)
set -euo pipefail
dir=$1
days=${2:-365}
mkdir -p "$dir"
cd "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 3650 \
  -subj "/CN=Test WWDR stand-in/O=Punchcard tests" \
  -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout pass.key -out pass.csr \
  -subj "/UID=pass.example.saffron.card/CN=Pass Type ID: pass.example.saffron.card/OU=ABCDE12345/O=Saffron Rewards" 2>/dev/null
printf 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n' > pass.ext
# DAYS 0: a certificate that expires the moment it is made (for the expired-certificate check).
openssl x509 -req -in pass.csr -CA root.pem -CAkey root.key -CAcreateserial -out pass.pem -days "$days" \
  -extfile pass.ext 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out google.key 2>/dev/null
openssl pkey -in google.key -pubout -out google-public.pem
python3 - <<'PY'
import json
key = open("google.key").read()
json.dump({"type": "service_account", "project_id": "punchcard-tests", "private_key_id": "0123456789abcdef",
           "private_key": key, "client_email": "wallet@punchcard-tests.iam.gserviceaccount.com",
           "client_id": "1", "token_uri": "https://oauth2.googleapis.com/token"}, open("google.json", "w"), indent=2)
PY
rm -f pass.csr pass.ext root.srl
