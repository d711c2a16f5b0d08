/**
 * The attribute-verification flow from the clients users run: the AWS CLI and boto3 scripts in
 * scripts/, and amazon-cognito-identity-js. The CLI and boto3 are skipped, saying so, where the
 * machine lacks them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startServer, type Server } from './harness.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const env = { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8', env }).status === 0;

describe('verifying an attribute from each client', () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('with the AWS CLI (scripts/verify-email-cli.sh)', { skip: has('aws', ['--version']) ? false : 'the aws command is not installed' }, () => {
    const r = spawnSync('bash', [`${ROOT}scripts/verify-email-cli.sh`, server.url], { encoding: 'utf8', env, cwd: ROOT });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /"Destination": "a\*\*\*@e\*\*\*"/);
    assert.match(r.stdout, /code from the inbox: \d{6}/);
    assert.match(r.stdout, /email_verified: true/);
  });

  it('with boto3 (scripts/verify_email_boto3.py)', { skip: has('python3', ['-c', 'import boto3']) ? false : 'python3 with boto3 is not installed' }, () => {
    const r = spawnSync('python3', [`${ROOT}scripts/verify_email_boto3.py`, server.url], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const seen = JSON.parse(r.stdout);
    assert.deepEqual(seen.details, { Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    assert.equal(seen.mismatch, 'Invalid verification code provided, please try again.');
    assert.equal(seen.phone_number_verified, 'true');
    assert.equal(seen.invalid, 'Invalid attribute name. Only phone_number and email can be verified.');
  });

  it('with amazon-cognito-identity-js: SRP sign-in, getAttributeVerificationCode, verifyAttribute', async () => {
    const cognito = sdkClient(server.url);
    const UserPoolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'identity-js', AutoVerifiedAttributes: ['email'] }))).UserPool!.Id!;
    const ClientId = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'web' }))).UserPoolClient!.ClientId!;
    await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: 'carol', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: 'carol', Password: 'Passw0rd!', Permanent: true }));

    const pool = new CognitoUserPool({ UserPoolId, ClientId, endpoint: server.url });
    const user = new CognitoUser({ Username: 'carol', Pool: pool });
    await new Promise<CognitoUserSession>((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: 'carol', Password: 'Passw0rd!' }), { onSuccess: resolve, onFailure: reject }),
    );
    type Sent = { CodeDeliveryDetails: { Destination: string; DeliveryMedium: string; AttributeName: string } };
    // The library's typings say inputVerificationCode gets a string; it gets the operation's answer.
    const sent = await new Promise<Sent>((resolve, reject) =>
      user.getAttributeVerificationCode('email', { onSuccess: () => undefined, onFailure: reject, inputVerificationCode: resolve as unknown as (data: string) => void }),
    );
    assert.deepEqual(sent.CodeDeliveryDetails, { Destination: 'c***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const { messages } = (await (await fetch(`${server.url}/_cognate/messages?userPoolId=${UserPoolId}&username=carol`)).json()) as { messages: { code: string }[] };
    const result = await new Promise<string>((resolve, reject) => user.verifyAttribute('email', messages[0].code, { onSuccess: resolve, onFailure: reject }));
    assert.equal(result, 'SUCCESS');
    const attributes = await new Promise<{ Name: string; Value: string }[]>((resolve, reject) =>
      user.getUserAttributes((err, attrs) => (err ? reject(err) : resolve(attrs!.map((a) => ({ Name: a.getName(), Value: a.getValue() }))))),
    );
    assert.equal(attributes.find((a) => a.Name === 'email_verified')?.Value, 'true');
  });
});
