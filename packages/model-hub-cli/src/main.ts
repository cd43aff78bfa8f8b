import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildDatasetProfile,
  readTableFile,
  typeCsvColumn,
} from '@model-hub/model-hub-drift';
import { ModelHubClient, parseModelName } from './ModelHubClient';

export type CliIo = {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch?: typeof fetch;
};

const USAGE = `Usage:
  model-hub publish <model> --file version.json
                    [--on-behalf-of user:default/jane.doe | --on-behalf-of-github-login jane-doe]
  model-hub drift submit <model> --version <v> --environment <env>
                         (--rows window.csv|window.json [--as-profile] | --profile profile.json)
                         [--window-start <iso>] [--window-end <iso>]

<model> is name, namespace/name or model:namespace/name.
Connection: --url (or MODEL_HUB_URL, default http://localhost:7007).
Token: MODEL_HUB_TOKEN in the environment, a Backstage static external access
token. It is never taken on the command line.
--on-behalf-of (or MODEL_HUB_ON_BEHALF_OF) names the person a CI publish acts
for; Model Hub records them and keeps them from reviewing the version. In a
GitHub workflow, --on-behalf-of-github-login "$GITHUB_ACTOR" (or
MODEL_HUB_ON_BEHALF_OF_GITHUB_LOGIN) names them by their GitHub login, which
Model Hub maps to the User entity with that github.com/user-login annotation.
The token's subject must be allowed to act for them
(modelHub.governance.serviceActors).
`;

class UsageError extends Error {}

/**
 * A token on the command line shows in process lists (`ps`), shell history
 * and CI logs, so the flag is refused rather than ignored. The message never
 * repeats the value.
 */
function refuseTokenFlag(argv: string[]) {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  if (options.some(arg => arg === '--token' || arg.startsWith('--token='))) {
    throw new UsageError(
      '--token is not accepted: a token on the command line shows in process lists and shell history. ' +
        'Set MODEL_HUB_TOKEN in the environment instead (in CI, from a secret).',
    );
  }
}

function readJson(file: string, cwd: string): unknown {
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    throw new UsageError(`Cannot read ${file}: no such file`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Rows as records, from a CSV or JSON file the drift engine can read. */
function readRows(file: string, cwd: string): Record<string, unknown>[] {
  const table = readTableFile(path.resolve(cwd, file));
  // CSV cells are text: type each column (numbers, or categories) first.
  const cells = Object.fromEntries(
    table.columns.map(column => [
      column,
      table.format === 'csv'
        ? typeCsvColumn(table.cells[column], column, file)
        : table.cells[column],
    ]),
  );
  return Array.from({ length: table.rows }, (_, i) => {
    const row: Record<string, unknown> = {};
    for (const column of table.columns) row[column] = cells[column][i];
    return row;
  });
}

/**
 * Runs one `model-hub` command; returns the exit code (0 ok, 1 refused by the
 * server or unreachable, 2 bad usage or input).
 */
export async function runModelHubCli(
  argv: string[],
  io: CliIo,
): Promise<number> {
  try {
    refuseTokenFlag(argv);
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        file: { type: 'string' },
        version: { type: 'string' },
        environment: { type: 'string' },
        rows: { type: 'string' },
        profile: { type: 'string' },
        'as-profile': { type: 'boolean' },
        'window-start': { type: 'string' },
        'window-end': { type: 'string' },
        url: { type: 'string' },
        'on-behalf-of': { type: 'string' },
        'on-behalf-of-github-login': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help || positionals.length === 0) {
      io.stdout(USAGE);
      return values.help ? 0 : 2;
    }
    const client = new ModelHubClient({
      baseUrl: values.url ?? io.env.MODEL_HUB_URL ?? 'http://localhost:7007',
      token: io.env.MODEL_HUB_TOKEN,
      fetch: io.fetch,
    });
    const [command, ...rest] = positionals;

    if (command === 'publish') {
      const [model] = rest;
      if (!model || !values.file) {
        throw new UsageError('publish needs <model> and --file');
      }
      const onBehalfOf =
        values['on-behalf-of'] ?? io.env.MODEL_HUB_ON_BEHALF_OF;
      const onBehalfOfGithubLogin =
        values['on-behalf-of-github-login'] ??
        io.env.MODEL_HUB_ON_BEHALF_OF_GITHUB_LOGIN;
      const version = readJson(values.file, io.cwd) as Record<string, unknown>;
      const result = await client.publishVersion(parseModelName(model), {
        ...version,
        ...(onBehalfOf ? { onBehalfOf } : {}),
        ...(onBehalfOfGithubLogin ? { onBehalfOfGithubLogin } : {}),
      });
      io.stderr(
        result.status === 201
          ? `Published ${result.body.version} of ${result.body.modelRef}\n`
          : `${result.body.version} of ${result.body.modelRef} was already published with this content\n`,
      );
      io.stdout(`${JSON.stringify(result.body, null, 2)}\n`);
      return 0;
    }

    if (command === 'drift' && rest[0] === 'submit') {
      const model = rest[1];
      if (!model || !values.version || !values.environment) {
        throw new UsageError(
          'drift submit needs <model>, --version and --environment',
        );
      }
      if (Boolean(values.rows) === Boolean(values.profile)) {
        throw new UsageError('drift submit needs either --rows or --profile');
      }
      const window: Record<string, unknown> = {
        environment: values.environment,
        windowStart: values['window-start'],
        windowEnd: values['window-end'],
      };
      if (values.rows) {
        const rows = readRows(values.rows, io.cwd);
        // A profile keeps raw records inside the service that saw them.
        if (values['as-profile']) window.profile = buildDatasetProfile(rows);
        else window.rows = rows;
      } else {
        window.profile = readJson(values.profile!, io.cwd);
      }
      const result = await client.submitDrift(
        parseModelName(model),
        values.version,
        window,
      );
      const report = result.body;
      io.stderr(
        `Drift ${report.status} for ${report.modelRef} ${report.version} in ${
          report.environment
        }: ${Math.round(report.driftedShare * 100)}% of columns drifted\n`,
      );
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }

    throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error as any).code?.startsWith?.('ERR_PARSE_ARGS');
    io.stderr(`model-hub: ${(error as Error).message}\n`);
    if (usage) io.stderr(`\n${USAGE}`);
    return usage || (error as Error).name === 'DriftInputError' ? 2 : 1;
  }
}
