import assert from 'node:assert/strict';
import { it } from 'node:test';
import { autoVerifiedChannels, simulatedDelivery } from './simulated-delivery.ts';

const seed = Buffer.from('0123456789abcdef0123456789abcdef');

it('shows a name shaped as an address or number the pool sends to masked as itself', () => {
  assert.deepEqual(simulatedDelivery({}, ['email', 'sms'], 'ghost@example.org', seed), { Destination: 'g***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
  assert.deepEqual(simulatedDelivery({}, ['email', 'sms'], '+15555550123', seed), { Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
  assert.equal(simulatedDelivery({}, ['email'], '+15555550123', seed).DeliveryMedium, 'EMAIL', 'a pool that does not send SMS shows no number');
});

it('makes up an address or number for any other name, masked as a real one, by the channel the pool verifies first', () => {
  const made = simulatedDelivery({}, ['email'], 'ghost', seed);
  assert.match(made.Destination!, /^[a-z]\*\*\*@[a-z]\*\*\*$/);
  assert.deepEqual(simulatedDelivery({}, ['email'], 'ghost', seed), made, 'the same seed, the same answer');
  assert.match(simulatedDelivery({}, ['sms', 'email'], 'ghost', seed).Destination!, /^\+\*{7}\d{4}$/);
  assert.equal(simulatedDelivery({ AutoVerifiedAttributes: ['email'] }, ['sms', 'email'], 'ghost', seed).DeliveryMedium, 'EMAIL', 'where users have verified emails');
  assert.equal(simulatedDelivery({}, [], 'ghost', seed).DeliveryMedium, 'EMAIL');
});

it('lists the channels a pool verifies by itself, SMS first', () => {
  assert.deepEqual(autoVerifiedChannels({ AutoVerifiedAttributes: ['email', 'phone_number'] }), ['sms', 'email']);
  assert.deepEqual(autoVerifiedChannels({}), []);
});
