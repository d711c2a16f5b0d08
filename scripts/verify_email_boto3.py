"""The attribute-verification flow with boto3 against a running Cognate (development mode).

Usage: python3 scripts/verify_email_boto3.py [ENDPOINT]   (default http://127.0.0.1:9325)
Prints one JSON line of what it saw; exits non-zero when a step does not go as Cognito's would.
"""
import json
import sys
import urllib.parse
import urllib.request

import boto3

endpoint = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9325"
idp = boto3.client("cognito-idp", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="local", aws_secret_access_key="local")


def inbox_code(pool_id, username):
    query = urllib.parse.urlencode({"userPoolId": pool_id, "username": username})
    with urllib.request.urlopen(f"{endpoint}/_cognate/messages?{query}") as res:
        return json.load(res)["messages"][0]["code"]


pool = idp.create_user_pool(PoolName="boto3-verify", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
client = idp.create_user_pool_client(UserPoolId=pool, ClientName="boto3",
                                     ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
idp.admin_create_user(UserPoolId=pool, Username="bob", MessageAction="SUPPRESS",
                      UserAttributes=[{"Name": "phone_number", "Value": "+15555550123"}, {"Name": "email", "Value": "bob@example.com"}])
idp.admin_set_user_password(UserPoolId=pool, Username="bob", Password="Passw0rd!", Permanent=True)
token = idp.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "bob", "PASSWORD": "Passw0rd!"})["AuthenticationResult"]["AccessToken"]

details = idp.get_user_attribute_verification_code(AccessToken=token, AttributeName="phone_number",
                                                   ClientMetadata={"appName": "Acme"})["CodeDeliveryDetails"]
code = inbox_code(pool, "bob")
try:
    idp.verify_user_attribute(AccessToken=token, AttributeName="phone_number", Code="000000" if code != "000000" else "111111")
    raise SystemExit("a wrong code was accepted")
except idp.exceptions.CodeMismatchException as e:
    mismatch = e.response["Error"]["Message"]
idp.verify_user_attribute(AccessToken=token, AttributeName="phone_number", Code=code)
attributes = {a["Name"]: a["Value"] for a in idp.get_user(AccessToken=token)["UserAttributes"]}
try:
    idp.get_user_attribute_verification_code(AccessToken=token, AttributeName="name")
    raise SystemExit("an unverifiable attribute was accepted")
except idp.exceptions.InvalidParameterException as e:
    invalid = e.response["Error"]["Message"]

print(json.dumps({"details": details, "mismatch": mismatch, "phone_number_verified": attributes.get("phone_number_verified"), "invalid": invalid}))
if attributes.get("phone_number_verified") != "true":
    raise SystemExit("phone_number is not verified")
