#!/usr/bin/env bash
# The attribute-verification flow with the AWS CLI against a running Cognate (development mode):
# create a pool, a client and a user, sign in, ask for a code for the email, read it from the
# inbox, verify it, and check that GetUser shows the email verified.
# Usage: scripts/verify-email-cli.sh [ENDPOINT]   (default http://127.0.0.1:9325)
set -euo pipefail
E=${1:-http://127.0.0.1:9325}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-local} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-local} AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
idp() { aws cognito-idp "$@" --endpoint-url "$E"; }

POOL=$(idp create-user-pool --pool-name cli-verify --auto-verified-attributes email --query UserPool.Id --output text)
CLIENT=$(idp create-user-pool-client --user-pool-id "$POOL" --client-name cli \
  --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH --query UserPoolClient.ClientId --output text)
idp admin-create-user --user-pool-id "$POOL" --username alice --message-action SUPPRESS \
  --user-attributes Name=email,Value=alice@example.com >/dev/null
idp admin-set-user-password --user-pool-id "$POOL" --username alice --password 'Passw0rd!' --permanent
TOKEN=$(idp initiate-auth --client-id "$CLIENT" --auth-flow USER_PASSWORD_AUTH \
  --auth-parameters 'USERNAME=alice,PASSWORD=Passw0rd!' --query AuthenticationResult.AccessToken --output text)

DETAILS=$(idp get-user-attribute-verification-code --access-token "$TOKEN" --attribute-name email \
  --client-metadata appName=Acme,locale=en --query CodeDeliveryDetails --output json)
echo "CodeDeliveryDetails: $DETAILS"
CODE=$(cd "$ROOT" && npx --no-install cognate code --pool "$POOL" --user alice --endpoint "$E")
echo "code from the inbox: $CODE"
idp verify-user-attribute --access-token "$TOKEN" --attribute-name email --code "$CODE"
VERIFIED=$(idp get-user --access-token "$TOKEN" --query "UserAttributes[?Name=='email_verified'].Value | [0]" --output text)
echo "email_verified: $VERIFIED"
[ "$VERIFIED" = "true" ]
