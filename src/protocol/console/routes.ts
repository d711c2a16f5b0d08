/**
 * The web console at /_cognate/console/: pools, users, groups, app clients, the messages Cognate
 * sent, and a token inspector (docs/console.md). Browsers always get HTML here (or the console's
 * own JSON), never the API's awsJson error envelope.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { BASE } from './access.ts';
import { registerAssets } from './assets.ts';
import { registerClientPages } from './clients.ts';
import { plainPage, registerGate } from './context.ts';
import { registerGroupPages } from './groups.ts';
import { registerMessagePages } from './messages.ts';
import { registerPoolPages } from './pools.ts';
import { registerSignIn } from './sign-in.ts';
import { registerTokenPage } from './tokens.ts';
import { registerUserPage } from './user.ts';
import { registerUserListPages } from './users.ts';

export function registerConsole(app: FastifyInstance, deps: Deps): void {
  if (!deps.config.console.enabled) {
    const off = (_req: unknown, reply: Parameters<typeof plainPage>[0]) =>
      plainPage(reply, 404, 'The console is off', 'This server\'s web console is off. Its operator turns it on with "console": {"enabled": true} in the config file.');
    app.all(BASE, off);
    app.all(`${BASE}/*`, off);
    return;
  }
  app.get(BASE, async (_req, reply) => reply.redirect(`${BASE}/`, 301));
  registerAssets(app);
  void app.register(async (scope) => {
    registerGate(scope, deps);
    registerSignIn(scope, deps);
    registerPoolPages(scope);
    registerUserListPages(scope);
    registerUserPage(scope);
    registerGroupPages(scope);
    registerClientPages(scope);
    registerMessagePages(scope, deps);
    registerTokenPage(scope, deps);
    // Anything else under the console is a page that does not exist: HTML, not the API's envelope.
    scope.all(`${BASE}/*`, (_req, reply) => plainPage(reply, 404, 'Not found', 'There is no such console page.'));
  });
}
