import { execFileSync } from 'node:child_process';

/**
 * The layers are kept by the lint configuration (eslint.config.mjs, README "Architecture"): these lint
 * snippets as if they were files of each layer, with the project's own configuration, so `npm run lint` is
 * shown to fail when a layer reaches for what it may not.
 */

const imports = (...specifiers: string[]) =>
  specifiers.map((s, i) => `import * as m${i} from '${s}';`).join('\n') +
  `\nexport const used = [${specifiers.map((_, i) => `m${i}`).join(', ')}];\n`;

const CASES = {
  serviceBlocks: ['src/services/example.ts', imports('../../blocks/message')],
  serviceContent: ['src/services/example.ts', imports('../content/wording')],
  serviceWebApi: ['src/services/example.ts', imports('@slack/web-api')],
  serviceTypes: ['src/services/example.ts', imports('@slack/types')],
  serviceMongoose: ['src/services/example.ts', imports('mongoose')],
  serviceDomain: ['src/services/example.ts', imports('../domain/notices', './ports', './result')],
  domainMongoose: ['src/domain/example.ts', imports('mongoose')],
  domainStore: ['src/domain/example.ts', imports('../store/database')],
  domainOwn: ['src/domain/example.ts', imports('luxon', 'zod', './goal-form')],
  slackMongoose: ['src/slack/example.ts', imports('mongoose')],
  storeMongoose: ['src/store/example.ts', imports('mongoose')],
  presenter: ['src/slack/presenters/example.ts', imports('../../../blocks/message', '../../content/wording')],
} as const satisfies Record<string, readonly [string, string]>;
type Case = keyof typeof CASES;

// ESLint loads its configuration with a dynamic import, which Jest's module sandbox doesn't allow, so the
// linting runs in a plain node process: `new ESLint()` over each snippet, answering with the messages.
const LINT = `
import { ESLint } from 'eslint';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint();
const out = {};
for (const [name, [filePath, code]] of Object.entries(JSON.parse(input))) {
  const [result] = await eslint.lintText(code, { filePath });
  out[name] = result.messages.map(({ ruleId, severity, message }) => ({ ruleId, severity, message }));
}
process.stdout.write(JSON.stringify(out));
`;

let linted: Record<Case, { ruleId: string | null; severity: number; message: string }[]>;
beforeAll(() => {
  linted = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', LINT], {
      cwd: process.cwd(),
      input: JSON.stringify(CASES),
      encoding: 'utf8',
    }),
  );
});

/** The import rule's errors for one snippet. */
const importErrors = (name: Case) =>
  linted[name].filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).map((m) => m.message);

describe('the layers, as the lint rule keeps them', () => {
  it('a service that imports blocks/ fails the lint', () => {
    expect(importErrors('serviceBlocks')).toEqual([expect.stringContaining('Services speak the domain')]);
  });

  it.each(['serviceContent', 'serviceWebApi', 'serviceTypes', 'serviceMongoose'] as const)(
    'a service that imports wording, Slack or mongoose fails the lint (%s)',
    (name) => {
      expect(importErrors(name)).toHaveLength(1);
    },
  );

  it('a service may import the domain, its ports and the result vocabulary', () => {
    expect(linted.serviceDomain).toEqual([]);
  });

  it('src/domain that imports mongoose fails the lint', () => {
    expect(importErrors('domainMongoose')).toEqual([expect.stringContaining('src/domain is pure rules')]);
  });

  it('src/domain that reaches outside itself fails the lint; luxon, zod and its own modules pass', () => {
    expect(importErrors('domainStore')).toHaveLength(1);
    expect(linted.domainOwn).toEqual([]);
  });

  it('mongoose outside src/store fails the lint; inside it passes', () => {
    expect(importErrors('slackMongoose')).toEqual([expect.stringContaining('Only src/store knows MongoDB')]);
    expect(linted.storeMongoose).toEqual([]);
  });

  it('presenters in src/slack may use blocks/ and the wording', () => {
    expect(linted.presenter).toEqual([]);
  });
});
