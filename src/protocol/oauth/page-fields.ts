/** What the pages show of a pool: its sign-in name, its attributes as form fields, its password rules, its providers. */
import type { PoolRecord } from '../../domain/pool.ts';
import { policyOf } from '../../domain/password.ts';
import type { Deps } from '../../services/deps.ts';
import type { Field } from '../hosted-ui/views.ts';
import type { PageRequest } from './page-context.ts';

const LABELS: Record<string, string> = {
  email: 'Email', phone_number: 'Phone number', name: 'Name', given_name: 'Given name', family_name: 'Family name', middle_name: 'Middle name',
  nickname: 'Nickname', preferred_username: 'Preferred username', birthdate: 'Birthdate', address: 'Address', gender: 'Gender', locale: 'Locale',
  picture: 'Picture URL', profile: 'Profile URL', website: 'Website', zoneinfo: 'Time zone', updated_at: 'Updated at',
};

/** A form field for a pool attribute (`custom:x` read as "x"). */
export function fieldOf(pool: PoolRecord, name: string): Field {
  const schema = (pool.config.SchemaAttributes ?? []).find((a) => a.Name === name);
  const label = LABELS[name] ?? name.replace(/^custom:/, '').replace(/_/g, ' ');
  const type = name === 'email' ? 'email' : name === 'phone_number' ? 'tel' : schema?.AttributeDataType === 'Number' ? 'number' : name === 'birthdate' ? 'date' : 'text';
  const autocomplete: Record<string, string> = { email: 'email', phone_number: 'tel', name: 'name', given_name: 'given-name', family_name: 'family-name', birthdate: 'bday' };
  return { name, label, type, required: true, ...(autocomplete[name] ? { autocomplete: autocomplete[name] } : {}) };
}

/** The pool's password rules, said as a sentence under the password field. */
export function passwordHint(pool: PoolRecord): string {
  const p = policyOf(pool.config);
  const needs = [p.RequireUppercase && 'an upper-case letter', p.RequireLowercase && 'a lower-case letter', p.RequireNumbers && 'a number', p.RequireSymbols && 'a symbol'].filter(Boolean);
  return `At least ${p.MinimumLength ?? 8} characters${needs.length ? `, with ${needs.join(', ')}` : ''}.`;
}

/** What the pool's users sign in with, as the username field's label. */
export function usernameLabel(pool: PoolRecord): string {
  const by = pool.config.UsernameAttributes ?? [];
  if (by.length === 2) return 'Email or phone number';
  if (by[0] === 'email') return 'Email';
  if (by[0] === 'phone_number') return 'Phone number';
  return (pool.config.AliasAttributes ?? []).length ? 'Username or alias' : 'Username';
}

/** The sign-in page's options: its username label, whether users may sign up, and the client's other providers. */
export async function signInOptions(deps: Deps, p: PageRequest): Promise<{ usernameLabel: string; signUp: boolean; local: boolean; providers: { name: string; href: string }[] }> {
  const names = (p.client.config.SupportedIdentityProviders ?? []).filter((n) => n !== 'COGNITO');
  const providers = [];
  for (const name of names) {
    if (!(await deps.store.identityProviders.get(p.pool.id, name))) continue;
    providers.push({ name, href: `/oauth2/authorize?${new URLSearchParams({ ...p.carry, identity_provider: name })}` });
  }
  const local = (p.client.config.SupportedIdentityProviders ?? ['COGNITO']).includes('COGNITO');
  const signUp = local && p.pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly !== true;
  return { usernameLabel: usernameLabel(p.pool), signUp, local, providers };
}
