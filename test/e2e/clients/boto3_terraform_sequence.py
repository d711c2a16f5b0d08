"""A Terraform-style life cycle with boto3: create a pool with tags, its domain, a resource
server, an identity provider and an app client naming both; read each back as a provider's
refresh does; then destroy in reverse order. Prints what it saw as JSON for the test to check."""
import json
import sys

import boto3
from botocore.exceptions import ClientError

idp = boto3.client("cognito-idp", endpoint_url=sys.argv[1], region_name="us-east-1")
seen = {}

pool = idp.create_user_pool(PoolName="tf-pool", UserPoolTags={"team": "identity", "env": "test"})["UserPool"]
pool_id = pool["Id"]
seen["createdTags"] = pool.get("UserPoolTags")
idp.create_user_pool_domain(UserPoolId=pool_id, Domain="tf-seq-" + pool_id.split("_")[1].lower())
idp.create_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com", Name="api",
                           Scopes=[{"ScopeName": "read", "ScopeDescription": "Read"}])
idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Corp", ProviderType="OIDC",
                             ProviderDetails={"client_id": "cognate", "client_secret": "s3cret", "attributes_request_method": "GET",
                                              "oidc_issuer": "https://idp.example.com", "authorize_scopes": "openid email"},
                             AttributeMapping={"email": "email"})
client = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web", GenerateSecret=True,
                                     AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
                                     AllowedOAuthScopes=["openid", "https://api.example.com/read"],
                                     CallbackURLs=["https://app.example.com/callback"],
                                     SupportedIdentityProviders=["COGNITO", "Corp"])["UserPoolClient"]

# Read back, as `terraform refresh` does.
described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
seen["describedTags"] = described.get("UserPoolTags")
seen["describedDomain"] = described.get("Domain")
arn = described["Arn"]
seen["listedTags"] = idp.list_tags_for_resource(ResourceArn=arn)["Tags"]
seen["domainStatus"] = idp.describe_user_pool_domain(Domain=described["Domain"])["DomainDescription"].get("Status")
seen["scopes"] = [s["ScopeName"] for s in idp.describe_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com")["ResourceServer"]["Scopes"]]
seen["providerType"] = idp.describe_identity_provider(UserPoolId=pool_id, ProviderName="Corp")["IdentityProvider"]["ProviderType"]
c = idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client["ClientId"])["UserPoolClient"]
seen["clientScopes"] = c["AllowedOAuthScopes"]
seen["clientProviders"] = c["SupportedIdentityProviders"]

# Destroy, the pool last: AWS refuses a pool that still holds a domain.
try:
    idp.delete_user_pool(UserPoolId=pool_id)
except ClientError as e:
    seen["deleteWithDomain"] = e.response["Error"]["Code"]
idp.delete_user_pool_client(UserPoolId=pool_id, ClientId=client["ClientId"])
idp.delete_identity_provider(UserPoolId=pool_id, ProviderName="Corp")
idp.delete_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com")
idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=described["Domain"])
idp.delete_user_pool(UserPoolId=pool_id)
try:
    idp.describe_user_pool(UserPoolId=pool_id)
except ClientError as e:
    seen["afterDestroy"] = e.response["Error"]["Code"]
print(json.dumps(seen))
