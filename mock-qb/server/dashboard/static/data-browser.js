// A small, read-only browser of a company file's vendors, bills and bill payments (GET /__qbd/hosts/{host}/records).
import { control } from './api.js';
import { draft, h, labelled, select } from './dom.js';

const LISTS = [
  ['vendors', 'Vendors'],
  ['bills', 'Bills'],
  ['payments', 'Bill payments'],
];

/** `hosts`: the host states; `ctx`: { ui, run(fn, okText), rerender() }. */
export function renderDataBrowser(hosts, ctx) {
  const hostId = draft('data-host', hosts[0]?.id ?? '');
  const host = hosts.find((x) => x.id === hostId) ?? hosts[0];
  const files = (host?.files ?? []).filter((f) => f.kind === 'company');
  const path = draft('data-file', host?.openFile ?? files[0]?.path ?? '');
  const hostSelect = select(
    { id: 'data-host', 'data-draft': '', onChange: () => ctx.rerender() },
    hosts.map((x) => [x.id, x.id]),
    host?.id,
  );
  const fileSelect = select(
    { id: 'data-file', 'data-draft': '' },
    files.map((f) => [f.path, f.companyName ? `${f.companyName} (${f.path})` : f.path]),
    files.some((f) => f.path === path) ? path : files[0]?.path,
  );
  const listSelect = select({ id: 'data-list', 'data-draft': '' }, LISTS, draft('data-list', 'vendors'));
  const result = ctx.ui.records;
  return [
    h(
      'form',
      {
        class: 'inline-form',
        'aria-label': 'Company data',
        onSubmit: async (e) => {
          e.preventDefault();
          await ctx.run(
            async () => {
              ctx.ui.records = await control.records(hostSelect.value, fileSelect.value, listSelect.value);
              return ctx.ui.records;
            },
            (r) => `${r.records.length} ${r.list} shown`,
          );
        },
      },
      labelled('Host', hostSelect),
      labelled('Company file', fileSelect),
      labelled('List', listSelect),
      h('button', { id: 'data-show', type: 'submit' }, 'Show'),
    ),
    result ? renderRecords(result) : h('p', { class: 'muted' }, 'Choose a company file and a list, then Show.'),
  ];
}

function renderRecords(result) {
  if (result.records.length === 0) return h('p', { id: 'data-empty' }, `No ${result.list} in ${result.path}.`);
  const vendors = result.list === 'vendors';
  const cols = vendors
    ? ['Name', 'Active', 'Balance', 'Modified']
    : [
        'Type',
        'Vendor',
        'Ref. no.',
        'Date',
        'Amount',
        ...(result.list === 'bills' ? ['Open', 'Paid'] : []),
        'Modified',
      ];
  const table = h(
    'table',
    { id: 'data-table', 'aria-label': `${result.list} of ${result.path}` },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        cols.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      result.records.map((r) =>
        vendors
          ? h(
              'tr',
              {},
              h('th', { scope: 'row' }, r.name),
              h('td', {}, r.isActive ? 'yes' : 'no'),
              h('td', { class: 'num' }, r.amount ?? ''),
              h('td', {}, r.timeModified),
            )
          : h(
              'tr',
              {},
              h('td', {}, r.kind),
              h('th', { scope: 'row' }, r.name ?? ''),
              h('td', {}, r.refNumber ?? ''),
              h('td', {}, r.txnDate ?? ''),
              h('td', { class: 'num' }, r.amount ?? ''),
              result.list === 'bills' ? h('td', { class: 'num' }, r.openAmount ?? '') : null,
              result.list === 'bills' ? h('td', {}, r.isPaid ? 'yes' : 'no') : null,
              h('td', {}, r.timeModified),
            ),
      ),
    ),
  );
  return h('div', { class: 'table-wrap' }, table);
}
