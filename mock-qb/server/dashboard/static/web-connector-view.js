// The fake QuickBooks Web Connector of one host: its applications, passwords (masked), Update Selected, Auto-Run,
// and QWCLog.txt — all through /__qbd/webconnector/{host}/….
import { control } from './api.js';
import { draft, h, idPart, labelled } from './dom.js';

/** `wc`: the answer of GET /__qbd/webconnector/{host}; `ctx`: { run(fn, okText), ui, rerender() }. */
export function renderWebConnector(hostId, wc, ctx) {
  const k = `wc-${idPart(hostId)}`;
  if (!wc)
    return h('article', { class: 'host', id: k }, h('h3', {}, `${hostId}`), h('p', { class: 'muted' }, 'Loading…'));
  const selectedApps = () =>
    wc.apps.filter((a) => document.getElementById(`${k}-select-${idPart(a.appName)}`)?.checked);
  const qwc = h('textarea', {
    id: `${k}-qwc`,
    rows: 4,
    cols: 60,
    'data-draft': '',
    value: draft(`${k}-qwc`, ''),
    placeholder: '<?xml version="1.0"?><QBWCXML>…</QBWCXML>',
  });
  const log = ctx.ui.wcLog[hostId];
  return h(
    'article',
    { class: 'host', id: k, 'aria-labelledby': `${k}-title` },
    h(
      'h3',
      { id: `${k}-title` },
      `Web Connector on ${hostId} `,
      h('span', { class: 'muted' }, `(QBWC ${wc.version}${wc.busy ? ', updating…' : ''})`),
    ),
    wc.apps.length === 0
      ? h('p', { id: `${k}-no-apps`, class: 'muted' }, 'No application has been added to the Web Connector.')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { id: `${k}-apps`, 'aria-label': `Web Connector applications on ${hostId}` },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  'Select',
                  'Application',
                  'Company file',
                  'Password',
                  'Auto-Run',
                  'Every (minutes)',
                  'Status',
                  'Last update',
                ].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              wc.apps.map((app) => renderApp(hostId, k, app, ctx)),
            ),
          ),
        ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          id: `${k}-update-selected`,
          class: 'primary',
          disabled: wc.busy,
          onClick: () =>
            ctx.run(
              () =>
                control.wcUpdate(
                  hostId,
                  selectedApps().map((a) => a.appName),
                ),
              (r) => `Update Selected: ${r.results.map((x) => `${x.appName} ${x.outcome}`).join(', ') || 'nothing'}`,
            ),
        },
        'Update Selected',
      ),
    ),
    h(
      'form',
      {
        class: 'inline-form',
        'aria-label': 'Add an application',
        onSubmit: (e) => {
          e.preventDefault();
          ctx.run(
            () => control.wcAddApp(hostId, qwc.value),
            (r) => `Added ${r.app.appName}`,
            `${k}-qwc`,
          );
        },
      },
      labelled('.qwc file (XML)', qwc),
      h('button', { id: `${k}-add`, type: 'submit' }, 'Add an application'),
    ),
    h(
      'details',
      {
        id: `${k}-log`,
        onToggle: (e) => {
          if (e.target.open) ctx.loadLog(hostId);
        },
      },
      h('summary', {}, 'QWCLog.txt'),
      h('pre', { id: `${k}-log-text`, tabindex: '0', 'aria-label': `QWCLog.txt of ${hostId}` }, log ?? 'Loading…'),
    ),
  );
}

function renderApp(hostId, k, app, ctx) {
  const rid = `${k}-app-${idPart(app.appName)}`;
  const password = h('input', {
    id: `${rid}-password`,
    type: 'password',
    autocomplete: 'off',
    'data-draft': '',
    value: draft(`${rid}-password`, ''),
    'aria-label': `New password for ${app.appName}`,
  });
  const minutes = h('input', {
    id: `${rid}-every`,
    type: 'number',
    min: '1',
    'data-draft': '',
    value: draft(`${rid}-every`, String(Math.max(1, Math.round((app.intervalSeconds ?? 60) / 60)))),
    'aria-label': `Auto-Run every (minutes): ${app.appName}`,
  });
  const last = app.lastResult;
  return h(
    'tr',
    {},
    h(
      'td',
      {},
      h('input', {
        type: 'checkbox',
        id: `${k}-select-${idPart(app.appName)}`,
        'data-draft': '',
        checked: draft(`${k}-select-${idPart(app.appName)}`, false),
        'aria-label': `Select ${app.appName}`,
      }),
    ),
    h('th', { scope: 'row' }, app.appName),
    h('td', {}, app.companyFile),
    h(
      'td',
      {},
      h('span', { class: 'password-mask', id: `${rid}-password-state` }, app.hasPassword ? '••••••••' : 'not set'),
      h(
        'form',
        {
          class: 'inline-form',
          'aria-label': `Password of ${app.appName}`,
          onSubmit: (e) => {
            e.preventDefault();
            ctx.run(
              () => control.wcSetPassword(hostId, app.appName, password.value),
              () => `Password saved for ${app.appName}`,
              `${rid}-password`,
            );
          },
        },
        password,
        h('button', { id: `${rid}-save-password`, type: 'submit' }, 'Save password'),
      ),
    ),
    h(
      'td',
      {},
      h('input', {
        type: 'checkbox',
        id: `${rid}-auto-run`,
        checked: app.autoRun,
        'aria-label': `Auto-Run: ${app.appName}`,
        onChange: (e) =>
          ctx.run(
            () =>
              control.wcAutoRun(hostId, app.appName, {
                enabled: e.target.checked,
                everyMinutes: Math.max(1, Number(minutes.value) || 1),
              }),
            () => `Auto-Run ${e.target.checked ? 'on' : 'off'} for ${app.appName}`,
          ),
      }),
    ),
    h('td', {}, minutes, app.nextRunAt ? h('div', { class: 'muted' }, `next ${app.nextRunAt}`) : null),
    h('td', {}, app.status),
    h(
      'td',
      {},
      last ? `${last.outcome}${last.qbwcCode ? ` (${last.qbwcCode})` : ''}: ${last.status}` : '—',
      ' ',
      h(
        'button',
        {
          id: `${rid}-remove`,
          class: 'danger',
          'aria-label': `Remove ${app.appName} from the Web Connector`,
          onClick: () =>
            ctx.run(
              () => control.wcRemoveApp(hostId, app.appName),
              () => `Removed ${app.appName}`,
            ),
        },
        'Remove',
      ),
    ),
  );
}
