#!/usr/bin/env bash
# A user created through boto3 and listed through the AWS CLI shows the same attributes.
#
# Starts Cognate on a free port with a throw-away database, creates a pool and a user with
# boto3 (admin_create_user, with attributes), lists the pool's users with
# `aws cognito-idp list-users`, compares the two, and stops the server.
# Exit status: 0 when they match, 1 when they differ, 2 when something else failed.
# Needs python3 with boto3 and the aws command (`pip install boto3 awscli`).
#
#   scripts/users-boto3-cli.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
# The project's Node 24 (a devDependency) runs the TypeScript sources directly.
node="${NODE:-$root/node_modules/.bin/node}"
[ -x "$node" ] || node=node

for cmd in python3 aws; do
  command -v "$cmd" >/dev/null || { echo "$cmd is not installed" >&2; exit 2; }
done
python3 -c 'import boto3' 2>/dev/null || { echo "python3 cannot import boto3 (pip install boto3)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/cognate-users-XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server"
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
endpoint="http://127.0.0.1:$port"

"$node" "$root/src/main.ts" serve --port "$port" --db "$work/cognate.db" >"$work/server.log" 2>&1 &
server=$!

# Wait for /health (the server answers it as soon as it listens).
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$endpoint/health" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "Cognate exited before it listened:" >&2; cat "$work/server.log" >&2; exit 2
  fi
  sleep 0.2
done
echo "Cognate is listening at $endpoint"

export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=''

if ! python3 "$here/users_boto3_cli.py" create "$endpoint" >"$work/created.json"; then
  echo "boto3 could not create the user; server log:" >&2; tail -n 20 "$work/server.log" >&2; exit 2
fi
pool="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["poolId"])' "$work/created.json")"
echo "boto3 created user ana in $pool"

if ! aws cognito-idp list-users --user-pool-id "$pool" --endpoint-url "$endpoint" --output json >"$work/listed.json"; then
  echo "aws cognito-idp list-users failed; server log:" >&2; tail -n 20 "$work/server.log" >&2; exit 2
fi
echo "aws cognito-idp list-users listed the pool's users"

python3 "$here/users_boto3_cli.py" compare "$work/created.json" "$work/listed.json"
