"""Drives Cognate's tags, client secrets and log export with boto3, as a Python application would.

Usage: python3 boto3_tags_secrets_logs.py ENDPOINT_URL
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


def error_of(call, **kwargs):
    """The error a call answers, as boto3 parses it: its code and message."""
    try:
        call(**kwargs)
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}
    raise SystemExit(f"expected {call.__name__} to fail")


pool = idp.create_user_pool(PoolName="boto3-tags", UserPoolTags={"team": "identity"}, UserPoolTier="PLUS")["UserPool"]
arn = pool["Arn"]
idp.tag_resource(ResourceArn=arn, Tags={"env": "test"})
idp.untag_resource(ResourceArn=arn, TagKeys=["team"])
tags = idp.list_tags_for_resource(ResourceArn=arn)["Tags"]
reserved = error_of(idp.tag_resource, ResourceArn=arn, Tags={"aws:x": "1"})
missing_pool = error_of(idp.list_tags_for_resource, ResourceArn=arn.replace(pool["Id"], "us-east-1_nothere00"))

client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="rotating", GenerateSecret=True)["UserPoolClient"]
added = idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"])["ClientSecretDescriptor"]
listed = idp.list_user_pool_client_secrets(UserPoolId=pool["Id"], ClientId=client["ClientId"])["ClientSecrets"]
third = error_of(idp.add_user_pool_client_secret, UserPoolId=pool["Id"], ClientId=client["ClientId"])
idp.delete_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"], ClientSecretId=listed[0]["ClientSecretId"])
last = error_of(idp.delete_user_pool_client_secret, UserPoolId=pool["Id"], ClientId=client["ClientId"], ClientSecretId=added["ClientSecretId"])
described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]

configs = [
    {"EventSource": "userNotification", "LogLevel": "ERROR", "CloudWatchLogsConfiguration": {"LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:cognito"}},
    {"EventSource": "userAuthEvents", "LogLevel": "INFO", "S3Configuration": {"BucketArn": "arn:aws:s3:::logs-bucket"}},
]
idp.set_log_delivery_configuration(UserPoolId=pool["Id"], LogConfigurations=configs)
got = idp.get_log_delivery_configuration(UserPoolId=pool["Id"])["LogDeliveryConfiguration"]
wrong_level = error_of(idp.set_log_delivery_configuration, UserPoolId=pool["Id"], LogConfigurations=[dict(configs[0], LogLevel="INFO")])

print(json.dumps({
    "tags": tags,
    "reserved": reserved,
    "missingPool": missing_pool,
    "addedValueLength": len(added["ClientSecretValue"]),
    "createDateIsDatetime": type(added["ClientSecretCreateDate"]).__name__ == "datetime",
    "listedIds": [s["ClientSecretId"] for s in listed],
    "listedValues": [s.get("ClientSecretValue") for s in listed],
    "addedId": added["ClientSecretId"],
    "clientId": client["ClientId"],
    "third": third,
    "last": last,
    "describedSecretIsAdded": described["ClientSecret"] == added["ClientSecretValue"],
    "logs": got,
    "poolId": pool["Id"],
    "wrongLevel": wrong_level,
}))
