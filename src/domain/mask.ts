/**
 * Destinations as Cognito shows them in CodeDeliveryDetails: `a***@e***` for an email address
 * (first character of each side), `+*******1234` for a phone number (one `*` per hidden digit).
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return `${email.slice(0, 1)}***`;
  return `${email.slice(0, 1)}***@${email.slice(at + 1, at + 2)}***`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+/, '');
  const shown = digits.slice(-4);
  return `+${'*'.repeat(Math.max(0, digits.length - shown.length))}${shown}`;
}

export const maskDestination = (medium: 'email' | 'sms', destination: string) => (medium === 'email' ? maskEmail(destination) : maskPhone(destination));
