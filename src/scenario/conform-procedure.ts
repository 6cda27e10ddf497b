// The procedure each conformance row runs, as a scenario file (so a row's reproduce line is `qbd-sim run` on a real
// file): the connector authorized and syncing, existing work synced, the condition armed, new work (a new vendor, an
// edit of the existing one, a bill), a sync under the condition, the condition cleared, a sync again.
import type { RowFault } from './conform-rows.js';

const WORK_BEFORE = ['  - cloud: create-vendor', '    name: Conform Existing Supply'];
const WORK = [
  '  - cloud: create-vendor',
  '    name: Conform New Vendor',
  '  - cloud: edit-vendor',
  '    vendor: Conform Existing Supply',
  '    companyName: Conform Existing Supply Ltd',
  '  - cloud: create-bill',
  '    vendor: Conform New Vendor',
  '    refNumber: CF-1',
  "    txnDate: '2024-07-01'",
  "    lines: [{ account: Office Supplies, amount: '12.50' }]",
];

function faultStep(f: RowFault): string[] {
  return [
    '  - fault: arm',
    `    kind: ${f.kind}`,
    ...(f.match ? [`    match: ${f.match}`] : []),
    ...(f.hresult ? [`    hresult: '${f.hresult}'`] : []),
    ...(f.phase ? [`    phase: ${f.phase}`] : []),
    ...(f.count ? [`    count: ${f.count}`] : []),
  ];
}

/**
 * The scenario text of a row (`fault` undefined: the clean baseline, a `fault: clear` in the arm's place). Its first
 * `fault:` step opens the condition's window, its second (`fault: clear`) the recovery window. `token`: whether the
 * connector takes a token key (`connector: token`); `withinMs`: how long a sync may take to go quiet.
 */
export function procedureYaml(o: {
  id: string;
  title: string;
  transport: 'rp2' | 'qbwc';
  fault?: RowFault;
  /** Or a host state built by steps (arm, clear). */
  state?: { arm: string[]; clear: string[] };
  token: boolean;
  withinMs: number;
}): string {
  const settle = ['  - connector: settle', '    quiet: 500ms', `    within: ${o.withinMs}ms`];
  const sync = o.transport === 'rp2' ? ['  - connector: sync-now', ...settle] : ['  - webconnector: update'];
  const setup =
    o.transport === 'rp2'
      ? [
          ...(o.token ? ['  - cloud: new-key', '  - connector: token'] : []),
          '  - qb: switch-mode',
          '    mode: single-user',
          '  - use: reauthorize',
        ]
      : [
          ...(o.token ? ['  - cloud: new-key', '  - connector: token'] : []),
          '  - connector: start',
          '  - qb: switch-mode',
          '    mode: single-user',
          '  - webconnector: add',
          '  - qb: answer-certificate-dialog',
          '    choice: always',
          '    loginAs: Admin',
          '    personalData: true',
          '    done: true',
          '  - webconnector: password',
          '  - webconnector: update',
          '  - qb: switch-mode',
          '    mode: multi-user',
        ];
  // A crash leaves QuickBooks closed: the person starts it again and opens the file, as after a real crash.
  const relaunch =
    o.fault?.kind === 'qb-crash'
      ? [
          '  - qb: launch',
          '  - qb: open-company',
          '    file: Acme Supplies.QBW',
          '    mode: multi-user',
          '    user: Admin',
          '    password: admin',
        ]
      : [];
  const lines = [
    `# qbd-sim conform, row ${o.id}: generated (src/scenario/conform-procedure.ts); run it with qbd-sim run.`,
    `name: ${JSON.stringify(`conform ${o.id}: ${o.title}`)}`,
    `seed: conform-${o.id}`,
    'tags: [conform]',
    'world:',
    '  cloud:',
    '    companies:',
    '      - name: Acme Supplies',
    '        file: Acme Supplies.QBW',
    '  connector:',
    `    transport: ${o.transport}`,
    'steps:',
    ...setup,
    ...WORK_BEFORE,
    ...sync,
  ];
  // The windows open at the first `fault:` step and at the second; a state's own steps go right after them.
  const rest = [
    o.fault ? faultStep(o.fault) : ['  - fault: clear'],
    o.state?.arm ?? [],
    WORK,
    sync,
    ['  - fault: clear'],
    o.state?.clear ?? [],
    relaunch,
    sync,
    ['  - connector: exit'],
  ];
  return `${[...lines, ...rest.flat()].join('\n')}\n`;
}
