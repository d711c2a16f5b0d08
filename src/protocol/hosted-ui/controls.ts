/**
 * The pieces the pages are made of: labelled inputs, forms that carry the hidden fields, submit
 * buttons and links. Each carries the customizable class AWS's hosted UI puts on it.
 */
import { ERROR_ID, hiddenFields, linkTo } from './frame.ts';
import type { Frame } from './frame.ts';
import { attrs, escapeHtml, safeHref } from './html.ts';
import type { AttrValue } from './html.ts';

/** An input of a form: an attribute on the sign-up and new-password pages, or the username. */
export interface Field {
  name: string;
  label: string;
  type: 'text' | 'email' | 'tel' | 'password' | 'date' | 'number';
  required: boolean;
  autocomplete?: string;
  /** Echoed back into the input, except for a password, which never is. */
  value?: string;
  /** Shown under the input and announced with it (aria-describedby). */
  hint?: string;
}

/** What `control` draws: a field, under the name its form posts and the id its label points to. */
export interface Control {
  id: string;
  name: string;
  label: string;
  type: Field['type'];
  required: boolean;
  autocomplete?: string;
  value?: string;
  hint?: string;
  /** Further attributes of the input (inputmode, autocapitalize, ...). */
  extra?: Record<string, AttrValue>;
}

const DEFAULT_AUTOCOMPLETE: Partial<Record<Field['type'], string>> = { email: 'email', tel: 'tel' };

/** A label and its input (and hint), marked invalid when the frame's error is about it. */
export function control(frame: Pick<Frame, 'error' | 'errorField'>, c: Control): string {
  const hintId = c.hint ? `${c.id}-hint` : undefined;
  const invalid = Boolean(frame.error) && frame.errorField === c.name;
  const describedBy = [hintId, invalid ? ERROR_ID : undefined].filter(Boolean).join(' ') || undefined;
  const input = attrs({
    id: c.id,
    name: c.name,
    type: c.type,
    class: 'inputField-customizable',
    required: c.required,
    autocomplete: c.autocomplete ?? DEFAULT_AUTOCOMPLETE[c.type],
    value: c.type === 'password' ? undefined : c.value,
    'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': describedBy,
    ...c.extra,
  });
  const hint = hintId ? `\n<p${attrs({ id: hintId, class: 'hint textDescription-customizable' })}>${escapeHtml(c.hint!)}</p>` : '';
  return `<div class="field">
<label${attrs({ for: c.id, class: 'label-customizable' })}>${escapeHtml(c.label)}</label>
<input${input}>${hint}
</div>
`;
}

/** Attributes of a text input that is an identifier: no capitals, corrections or spelling marks. */
export const IDENTIFIER: Record<string, AttrValue> = { autocapitalize: 'none', autocorrect: 'off', spellcheck: 'false' };

/** A one-time code's input: the numeric keypad, and the code from the message offered by the browser. */
export function codeControl(frame: Pick<Frame, 'error' | 'errorField'>, name: string, label: string): string {
  return control(frame, {
    id: name, name, label, type: 'text', required: true, autocomplete: 'one-time-code',
    extra: { inputmode: 'numeric', ...IDENTIFIER },
  });
}

/** A form posting to `action` with the hidden fields; `own` names the fields it has itself. */
export function postForm(frame: Frame, action: string, own: readonly string[], inner: string, extra: Record<string, AttrValue> = {}): string {
  return `<form${attrs({ method: 'post', action, ...extra })}>
${hiddenFields(frame, own)}${inner}</form>
`;
}

export function submit(label: string, className = 'submitButton-customizable'): string {
  return `<button${attrs({ type: 'submit', class: className })}>${escapeHtml(label)}</button>\n`;
}

/** A link to another page, keeping the authorize request's parameters. */
export function pageLink(frame: Pick<Frame, 'carry'>, path: string, text: string, extra?: Record<string, string>): string {
  return `<a${attrs({ href: linkTo(path, frame.carry, extra) })}>${escapeHtml(text)}</a>`;
}

/** A paragraph of links between pages ("Forgot your password?"), in AWS's redirect class. */
export function redirect(html: string): string {
  return `<p class="redirect-customizable">${html}</p>\n`;
}

/** A paragraph of text. */
export function text(s: string, className = 'textDescription-customizable'): string {
  return `<p${attrs({ class: className })}>${escapeHtml(s)}</p>\n`;
}

/** A link out (an identity provider's), or nothing when its target is not a web URL. */
export function outLink(href: string, label: string, className: string): string {
  const safe = safeHref(href);
  return safe ? `<a${attrs({ href: safe, class: className })}>${escapeHtml(label)}</a>\n` : '';
}

/** The input name an attribute is posted under, as on Cognito's classic pages. */
export const attributeInput = (name: string): string => `requiredAttributes[${name}]`;

/** Labelled inputs for attributes, each posted as `requiredAttributes[<name>]`. */
export function attributeControls(frame: Pick<Frame, 'error' | 'errorField'>, fields: Field[]): string {
  return fields.map((field, i) => control(frame, { ...field, id: `attr-${i}`, name: attributeInput(field.name) })).join('');
}
