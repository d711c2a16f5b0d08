/** What the model says of an operation's input members, for checks made before any request (configuration). */
import { operations } from './cognito-idp.generated.ts';
import { nodeFor } from './shapes.ts';

/** Whether `operation` is in the model and its input has the member `member` (e.g. AccessToken). */
export function inputHasMember(operation: string, member: string): boolean {
  if (!Object.hasOwn(operations, operation)) return false;
  return nodeFor(operations[operation].input).fields.some((f) => f.key === member);
}
