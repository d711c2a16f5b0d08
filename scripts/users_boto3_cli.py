"""The two Python halves of users-boto3-cli.sh.

  python3 users_boto3_cli.py create ENDPOINT_URL
      creates a pool and a user with boto3 (admin_create_user, with attributes) and prints
      {"poolId", "sent", "created"}: the attributes sent and the UserType boto3 got back.
  python3 users_boto3_cli.py compare CREATED_JSON LISTED_JSON
      compares that user with the one `aws cognito-idp list-users` printed; exits 1 on a difference.
"""
import json
import sys


def create(endpoint):
    import boto3

    idp = boto3.client(
        "cognito-idp",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )
    pool = idp.create_user_pool(
        PoolName="boto3-cli-users",
        AliasAttributes=["email"],
        Schema=[{"Name": "team", "AttributeDataType": "String", "Mutable": True}],
    )["UserPool"]
    sent = [
        {"Name": "email", "Value": "ana.lima@example.com"},
        {"Name": "email_verified", "Value": "true"},
        {"Name": "given_name", "Value": "Ana"},
        {"Name": "family_name", "Value": "Lima"},
        {"Name": "phone_number", "Value": "+15555550123"},
        {"Name": "custom:team", "Value": "blue"},
    ]
    user = idp.admin_create_user(
        UserPoolId=pool["Id"],
        Username="ana",
        UserAttributes=sent,
        TemporaryPassword="Temp-Passw0rd!",
        MessageAction="SUPPRESS",
    )["User"]
    # Dates are datetimes in boto3 and numbers in the CLI's JSON: compare them as epoch seconds.
    for key in ("UserCreateDate", "UserLastModifiedDate"):
        if key in user:
            user[key] = user[key].timestamp()
    json.dump({"poolId": pool["Id"], "sent": sent, "created": user}, sys.stdout)


def attrs(user):
    return {a["Name"]: a.get("Value") for a in user.get("Attributes", [])}


def compare(created_path, listed_path):
    with open(created_path) as f:
        created = json.load(f)
    with open(listed_path) as f:
        listed = json.load(f)
    user = created["created"]
    matches = [u for u in listed["Users"] if u["Username"] == user["Username"]]
    problems = []
    if len(matches) != 1:
        problems.append(f"list-users shows {len(matches)} users named {user['Username']!r}")
    else:
        seen = matches[0]
        want, got = attrs(user), attrs(seen)
        for name in sorted(set(want) | set(got)):
            if want.get(name) != got.get(name):
                problems.append(f"attribute {name}: boto3 created {want.get(name)!r}, the CLI lists {got.get(name)!r}")
        for a in created["sent"]:
            if got.get(a["Name"]) != a["Value"]:
                problems.append(f"attribute {a['Name']}: sent {a['Value']!r}, the CLI lists {got.get(a['Name'])!r}")
        if "sub" not in got:
            problems.append("the CLI lists no sub")
        for key in ("UserStatus", "Enabled"):
            if user.get(key) != seen.get(key):
                problems.append(f"{key}: boto3 got {user.get(key)!r}, the CLI lists {seen.get(key)!r}")
        for key in ("UserCreateDate", "UserLastModifiedDate"):
            if abs(float(user.get(key, 0)) - float(seen.get(key, -1))) > 0.001:
                problems.append(f"{key}: boto3 got {user.get(key)!r}, the CLI lists {seen.get(key)!r}")
    if problems:
        print("DIFFERENT:", *problems, sep="\n  ", file=sys.stderr)
        sys.exit(1)
    print(f"same user: {user['Username']} with {len(attrs(user))} attributes:")
    for name, value in sorted(attrs(user).items()):
        print(f"  {name} = {value}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "create":
        create(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
