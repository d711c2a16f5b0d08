import { readFileSync } from 'node:fs';
import { createApp } from './app/app.ts';
import { helpText, loadConfig } from './app/config/load.ts';
import { modeWarnings } from './app/mode-warnings.ts';
import { codeCommand, inboxHelp, messagesCommand } from './cli/inbox.ts';
import { resealCommand, resealHelp } from './cli/reseal.ts';
import { ConfigError } from './ground/config/config.ts';

const usage = () => `Cognate: a server for the Amazon Cognito user pools API (cognito-idp).

Usage:
  cognate serve [flags]     run the server (the default command)
${inboxHelp}
${resealHelp}
  cognate --help            this text
  cognate --version         the version

Flags of serve:
${helpText()}

Every flag may also come from the JSON file given to --config (keys in camelCase:
"port", "host", "db", "postgres", "postgresSchema", "region", "accountId", "mode",
"bodyLimit", "logLevel", "logPretty", "fixedCode", "metricsToken", ...), which also holds what has no
flag: "credentials", "codeSecrets", "codeValidity", "limits", "delivery", "functions",
"lambda" and "kms" (see docs/configuration.md).
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return pkg.version;
}

async function serve(argv: string[]): Promise<void> {
  const config = loadConfig(argv, process.env);
  const app = await createApp(config);
  const log = app.server.log;
  const address = await app.listen();
  log.info({ address, mode: config.mode, ...(app.store.kind === 'sqlite' ? { db: config.db } : { store: app.store.kind }), region: config.region }, `Cognate ${version()} listening on ${address}`);
  for (const warning of modeWarnings(config)) log.warn(warning);
  if (config.console.enabled) log.info(`web console: ${address}/_cognate/console/${config.mode === 'production' ? ' (sign in with one of the configured access keys)' : ''}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.on('SIGHUP', () => app.deps.admission.reloadRules());
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function main(args: string[]): Promise<number> {
  const [first, ...rest] = args;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = first === undefined || first.startsWith('-') ? 'serve' : first;
  const argv = command === 'serve' && first !== 'serve' ? args : rest;
  if (command === 'messages' || command === 'code' || command === 'reseal') {
    try {
      return await (command === 'messages' ? messagesCommand(rest) : command === 'code' ? codeCommand(rest) : resealCommand(rest));
    } catch (e) {
      if (e instanceof ConfigError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        process.stderr.write(`cognate ${command}: ${(e as Error).message}\n`);
        return 2;
      }
      throw e;
    }
  }
  if (command !== 'serve') {
    process.stderr.write(`cognate: unknown command '${command}'\n\n${usage()}`);
    return 2;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage());
    return 0;
  }
  try {
    await serve(argv);
    return -1; // keeps running
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`cognate: ${e.message}\nRun 'cognate --help' for the flags.\n`);
      return 2;
    }
    if ((e as { code?: string }).code === 'EADDRINUSE') {
      process.stderr.write(`cognate: ${(e as Error).message}: another process is listening there (pick another --port)\n`);
      return 1;
    }
    throw e;
  }
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
