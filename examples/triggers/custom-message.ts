/**
 * A CustomMessage trigger for attribute verification codes: the same function runs in Cognate
 * (as a module) and on AWS Lambda (compiled to JavaScript, Node.js runtime).
 *
 * For CustomMessage_VerifyUserAttribute (GetUserAttributeVerificationCode) and
 * CustomMessage_UpdateUserAttribute (UpdateUserAttributes changing an email or phone number) it
 * writes the email and SMS itself, using the request's ClientMetadata:
 *   appName  the product name to show (optional)
 *   locale   "fr..." for French, anything else for English
 * Every other trigger source keeps the pool's own message (the event goes back unchanged).
 *
 * The message must contain event.request.codeParameter ("{####}"): Cognito puts the code there.
 */

interface CustomMessageEvent {
  triggerSource: string;
  userName: string;
  request: {
    userAttributes: Record<string, string>;
    codeParameter: string;
    usernameParameter: string | null;
    clientMetadata?: Record<string, string>;
  };
  response: { smsMessage: string | null; emailMessage: string | null; emailSubject: string | null };
}

const texts = {
  en: {
    subject: (app: string | undefined) => (app ? `Your ${app} verification code` : 'Your verification code'),
    body: (name: string, app: string | undefined, code: string) =>
      `<p>Hello ${name},</p><p>Use this code to confirm your contact details${app ? ` for ${app}` : ''}: <strong>${code}</strong></p>` +
      '<p>It is valid for 24 hours. If you did not ask for it, ignore this message.</p>',
    sms: (app: string | undefined, code: string) => `${app ? `${app}: y` : 'Y'}our verification code is ${code}`,
  },
  fr: {
    subject: (app: string | undefined) => (app ? `Votre code de vérification ${app}` : 'Votre code de vérification'),
    body: (name: string, app: string | undefined, code: string) =>
      `<p>Bonjour ${name},</p><p>Utilisez ce code pour confirmer vos coordonnées${app ? ` pour ${app}` : ''} : <strong>${code}</strong></p>` +
      "<p>Il est valable 24 heures. Si vous ne l'avez pas demandé, ignorez ce message.</p>",
    sms: (app: string | undefined, code: string) => `${app ? `${app} : v` : 'V'}otre code de vérification est ${code}`,
  },
};

/** ClientMetadata comes from the client: never put it into HTML unescaped. */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const handler = async (event: CustomMessageEvent): Promise<CustomMessageEvent> => {
  if (event.triggerSource !== 'CustomMessage_VerifyUserAttribute' && event.triggerSource !== 'CustomMessage_UpdateUserAttribute') return event;

  const meta = event.request.clientMetadata ?? {};
  const t = meta.locale?.toLowerCase().startsWith('fr') ? texts.fr : texts.en;
  const app = meta.appName?.slice(0, 40); // keeps the SMS within Cognito's 140 characters
  const name = event.request.userAttributes.given_name ?? event.userName;
  const code = event.request.codeParameter;

  event.response.emailSubject = t.subject(app);
  event.response.emailMessage = t.body(escape(name), app === undefined ? undefined : escape(app), code);
  event.response.smsMessage = t.sms(app, code);
  return event;
};
