"""Drives Cognate's pools and app clients with boto3, as a Python application would.

Usage: python3 boto3_pools.py ENDPOINT_URL
Prints one JSON object with what it saw; exits non-zero on any unexpected answer.
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
idp = boto3.client(
    "cognito-idp",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE",
    aws_secret_access_key="secret",
)

pool = idp.create_user_pool(PoolName="boto3-pool", AutoVerifiedAttributes=["email"])["UserPool"]
client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="boto3-client", GenerateSecret=True)["UserPoolClient"]
described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
clients = idp.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=10)["UserPoolClients"]
pools = [p["Id"] for p in idp.get_paginator("list_user_pools").paginate(MaxResults=1, PaginationConfig={"PageSize": 1}).build_full_result()["UserPools"]]

try:
    idp.describe_user_pool(UserPoolId="us-east-1_nothere00")
    raise SystemExit("expected ResourceNotFoundException")
except ClientError as e:
    error = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}

try:
    idp.create_user_pool(PoolName="bad name!")
    raise SystemExit("expected InvalidParameterException")
except idp.exceptions.InvalidParameterException as e:
    validation = e.response["Error"]["Message"]

print(json.dumps({
    "poolId": pool["Id"],
    "creationDateIsDatetime": hasattr(described["CreationDate"], "isoformat"),
    "autoVerified": described["AutoVerifiedAttributes"],
    "clientId": client["ClientId"],
    "secretLength": len(client["ClientSecret"]),
    "listedClients": [c["ClientId"] for c in clients],
    "pools": pools,
    "error": error,
    "validation": validation,
}))
