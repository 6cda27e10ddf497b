// One QuickBooks host: its status, the File/Edit actions of the person at its UI, and the windows it shows
// (QuickBooks Login, Preferences › Integrated Applications, Application Certificate, access prompt, others).
import { draft, h, idPart, labelled, qbWindow, select } from './dom.js';

const CHOICES = [
  ['no', 'No'],
  ['prompt-each-time', 'Yes, prompt each time'],
  ['when-open', 'Yes, whenever this QuickBooks company file is open'],
  ['always', 'Yes, always; allow access even if QuickBooks is not running'],
];

const CHOICE_TEXT = Object.fromEntries(CHOICES);

const PERSONAL_DATA_TEXT =
  'Allow this application to access personal data such as Social Security Numbers and customer credit card information.';

/** The id prefix of everything a host renders. */
export function hostKey(hostId) {
  return `h-${idPart(hostId)}`;
}

function fileOf(host, path) {
  return host.files.find((f) => f.path.toLowerCase() === String(path ?? '').toLowerCase());
}

function companyLabel(file) {
  return file?.companyName ? `${file.companyName} (${file.path})` : (file?.path ?? '');
}

/** The whole panel of a host. `ctx`: { act(hostId, action, body, opts), ui (local state), rerender() }. */
export function renderHost(host, ctx) {
  const k = hostKey(host.id);
  const open = fileOf(host, host.openFile);
  return h(
    'article',
    { class: 'host', 'aria-labelledby': `${k}-title`, id: k },
    h('h3', { id: `${k}-title` }, `${host.id} — ${host.product.productName}`),
    h(
      'div',
      { class: 'host-grid' },
      h('div', {}, renderFacts(host, open), renderActions(host, ctx)),
      h(
        'div',
        { class: 'windows', 'aria-label': `Windows of QuickBooks on ${host.id}`, role: 'region' },
        host.dialogs.length === 0
          ? h('p', { class: 'muted' }, 'No QuickBooks window is open.')
          : host.dialogs.map((d, i) => renderDialog(host, d, i === host.dialogs.length - 1, ctx)),
      ),
    ),
  );
}

function renderFacts(host, open) {
  const k = hostKey(host.id);
  const processText =
    host.process === 'running'
      ? host.background
        ? 'running in the background (unattended)'
        : 'running'
      : host.process;
  const workstations = host.files.flatMap((f) =>
    f.workstations.map((w) => `${w.machine}: ${w.user}, ${w.mode} — ${f.companyName ?? f.path}`),
  );
  return h(
    'dl',
    { class: 'facts', id: `${k}-facts` },
    h('dt', {}, 'QuickBooks'),
    h(
      'dd',
      { id: `${k}-process` },
      h('span', { class: `badge ${host.process === 'not-running' ? 'not-running' : 'running'}` }, processText),
    ),
    h('dt', {}, 'Company file'),
    h('dd', { id: `${k}-company` }, open ? companyLabel(open) : 'none open'),
    h('dt', {}, 'Mode'),
    h('dd', { id: `${k}-mode` }, host.openMode ?? '—'),
    h('dt', {}, 'Logged in'),
    h('dd', { id: `${k}-user` }, host.loggedInUser ?? 'nobody'),
    h('dt', {}, 'Other workstations'),
    h(
      'dd',
      { id: `${k}-workstations` },
      workstations.length
        ? h(
            'ul',
            { class: 'plain-list' },
            workstations.map((w) => h('li', {}, w)),
          )
        : 'none',
    ),
    h('dt', {}, 'Sessions'),
    h(
      'dd',
      { id: `${k}-sessions` },
      host.sessions.length
        ? h(
            'ul',
            { class: 'plain-list' },
            host.sessions.map((s) =>
              h('li', {}, `${s.appName} as ${s.user}, ${s.mode}${s.isAutomaticLogin ? ' (automatic login)' : ''}`),
            ),
          )
        : 'none',
    ),
    h('dt', {}, 'Open windows'),
    h('dd', { id: `${k}-dialogs` }, host.dialogs.length ? host.dialogs.map((d) => d.title).join(', ') : 'none'),
    h('dt', {}, 'Clock'),
    h('dd', {}, `${host.clock.now} (${host.clock.kind})`),
  );
}

function renderActions(host, ctx) {
  const k = hostKey(host.id);
  const companies = host.files.filter((f) => f.kind === 'company');
  const chosenPath = draft(`${k}-open-file`, host.openFile ?? companies[0]?.path ?? '');
  const chosen = fileOf(host, chosenPath) ?? companies[0];
  const users = chosen?.users ?? [];
  const switchTo = host.openMode === 'single-user' ? 'multi-user' : 'single-user';
  const act = (action, body, opts) => ctx.act(host.id, action, body, opts);

  const fileSelect = select(
    { id: `${k}-open-file`, 'data-draft': '', onChange: () => ctx.rerender() },
    companies.map((f) => [f.path, companyLabel(f)]),
    chosen?.path,
  );
  const modeSelect = select(
    { id: `${k}-open-mode`, 'data-draft': '' },
    [
      ['single-user', 'Single-user'],
      ['multi-user', 'Multi-user'],
    ],
    draft(`${k}-open-mode`, 'single-user'),
  );
  const userSelect = select(
    { id: `${k}-open-user`, 'data-draft': '' },
    [['', '(log in later)'], ...users.map((u) => [u.name, u.name])],
    draft(`${k}-open-user`, users.find((u) => u.role === 'admin')?.name ?? ''),
  );
  const password = h('input', {
    id: `${k}-open-password`,
    type: 'password',
    autocomplete: 'off',
    'data-draft': '',
    value: draft(`${k}-open-password`, ''),
  });
  const dialogTitle = h('input', {
    id: `${k}-dialog-title`,
    'data-draft': '',
    value: draft(`${k}-dialog-title`, 'Update available'),
  });
  const dialogText = h('input', {
    id: `${k}-dialog-text`,
    'data-draft': '',
    value: draft(`${k}-dialog-text`, 'A QuickBooks update is ready to install.'),
  });

  return h(
    'div',
    {},
    h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': `QuickBooks on ${host.id}` },
      h('button', { id: `${k}-launch`, onClick: () => act('launch') }, 'Launch QuickBooks'),
      h('button', { id: `${k}-exit`, onClick: () => act('exit') }, 'Exit QuickBooks'),
      h('button', { id: `${k}-close-company`, onClick: () => act('close-company') }, 'Close company'),
      h(
        'button',
        { id: `${k}-switch-mode`, onClick: () => act('switch-mode', { mode: switchTo }) },
        `Switch to ${switchTo === 'multi-user' ? 'Multi-user' : 'Single-user'} Mode`,
      ),
      h(
        'button',
        { id: `${k}-open-preferences`, onClick: () => act('open-preferences') },
        'Preferences… (Integrated Applications)',
      ),
    ),
    h(
      'form',
      {
        class: 'inline-form',
        'aria-label': 'Open company',
        onSubmit: (e) => {
          e.preventDefault();
          act(
            'open-company',
            {
              path: fileSelect.value,
              mode: modeSelect.value,
              ...(userSelect.value ? { user: userSelect.value, password: password.value } : {}),
            },
            { clear: `${k}-open-password` },
          );
        },
      },
      h(
        'fieldset',
        {},
        h('legend', {}, 'File › Open Company'),
        labelled('Company file', fileSelect),
        labelled('Mode', modeSelect),
        labelled('User', userSelect),
        labelled('Password', password),
        h('button', { id: `${k}-open-company`, type: 'submit' }, 'Open company'),
      ),
    ),
    h(
      'form',
      {
        class: 'inline-form',
        'aria-label': 'Show a window',
        onSubmit: (e) => {
          e.preventDefault();
          act('show-dialog', { title: dialogTitle.value, text: dialogText.value });
        },
      },
      h(
        'fieldset',
        {},
        h('legend', {}, 'Another QuickBooks window'),
        labelled('Window title', dialogTitle),
        labelled('Text', dialogText),
        h('button', { id: `${k}-show-dialog`, type: 'submit' }, 'Show window'),
      ),
    ),
  );
}

function renderDialog(host, dialog, isTop, ctx) {
  const id = `${hostKey(host.id)}-dlg-${idPart(dialog.id)}`;
  switch (dialog.kind) {
    case 'certificate':
      return dialog.stage === 'choose'
        ? renderCertificateChoose(host, dialog, id, ctx)
        : renderCertificateConfirm(host, dialog, id, ctx);
    case 'preferences':
      return renderPreferences(host, dialog, id, ctx);
    case 'login':
      return renderLogin(host, dialog, id, ctx);
    case 'access-prompt':
      return qbWindow(
        { id, title: dialog.title, className: 'certificate' },
        [h('p', {}, dialog.text)],
        [
          h(
            'button',
            {
              id: `${id}-yes`,
              'data-autofocus': '',
              onClick: () => ctx.act(host.id, 'answer-access-prompt', { allow: true }),
            },
            'Yes',
          ),
          h(
            'button',
            { id: `${id}-no`, onClick: () => ctx.act(host.id, 'answer-access-prompt', { allow: false }) },
            'No',
          ),
        ],
      );
    case 'expired-certificate':
      return qbWindow(
        { id, title: dialog.title, className: 'certificate' },
        [h('p', {}, dialog.text), h('p', { class: 'muted' }, `Certificate: ${dialog.certificate.subject}`)],
        [
          ['allow-always', 'Allow Always'],
          ['allow-once', 'Allow Once'],
          ['deny', 'Deny'],
        ].map(([answer, label], i) =>
          h(
            'button',
            {
              id: `${id}-${answer}`,
              'data-autofocus': i === 0 ? '' : null,
              onClick: () => ctx.act(host.id, 'answer-expired-certificate', { answer }),
            },
            label,
          ),
        ),
      );
    default:
      return qbWindow(
        { id, title: dialog.title, className: 'generic' },
        [h('p', {}, dialog.text || ' '), isTop ? null : h('p', { class: 'muted' }, 'Another window is in front.')],
        [
          h(
            'button',
            {
              id: `${id}-ok`,
              'data-autofocus': '',
              onClick: () => ctx.act(host.id, 'dismiss-dialog', { id: dialog.id }),
            },
            'OK',
          ),
        ],
      );
  }
}

// ---- Application Certificate ----------------------------------------------------------------------------------------

function renderCertificateChoose(host, dialog, id, ctx) {
  const file = fileOf(host, host.openFile);
  const choiceName = `${id}-choice`;
  const chosen = CHOICES.map(([value]) => value).find((v) => draft(`${id}-choice-${v}`, false)) ?? null;
  const radios = CHOICES.map(([value, text], i) =>
    h(
      'div',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: choiceName,
        id: `${id}-choice-${value}`,
        value,
        checked: chosen === value,
        'data-draft': '',
        'data-autofocus': i === 0 ? '' : null,
        onChange: () => ctx.rerender(),
      }),
      h('label', { for: `${id}-choice-${value}` }, text),
    ),
  );
  const loginAs = select(
    { id: `${id}-login-as`, 'data-draft': '', disabled: chosen !== 'always' },
    dialog.loginAsChoices.map((u) => [u, u]),
    draft(`${id}-login-as`, dialog.loginAsChoices.includes('Admin') ? 'Admin' : dialog.loginAsChoices[0]),
  );
  const personal = dialog.personalDataOffered
    ? h('input', {
        type: 'checkbox',
        id: `${id}-personal-data`,
        'data-draft': '',
        checked: draft(`${id}-personal-data`, false),
      })
    : null;
  const cont = () => {
    if (!chosen) return ctx.message('QuickBooks', 'Choose one of the options before you continue.');
    ctx.act(host.id, 'answer-certificate-dialog', {
      choice: chosen,
      ...(chosen === 'always' ? { loginAs: loginAs.value } : {}),
      ...(personal ? { personalData: personal.checked } : {}),
    });
  };
  return qbWindow(
    { id, title: 'QuickBooks - Application Certificate', className: 'certificate' },
    [
      h('p', {}, 'An application is requesting access to the following QuickBooks company file:'),
      h('p', { class: 'indent' }, h('strong', {}, companyLabel(file) || host.openFile || '')),
      h('p', {}, 'The application calls itself: ', h('strong', { id: `${id}-app` }, dialog.appName)),
      h(
        'p',
        { class: 'muted' },
        `Certificate: ${dialog.certificate.subject || '(none)'} — ${dialog.certificate.status}` +
          (dialog.certificate.expires ? `, expires ${dialog.certificate.expires}` : ''),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, dialog.question),
        radios,
        h('div', { class: 'indent' }, labelled('Login as:', loginAs)),
      ),
      personal ? h('div', { class: 'choice' }, labelled(PERSONAL_DATA_TEXT, personal, { after: true })) : null,
    ],
    [
      h('button', { id: `${id}-continue`, class: 'primary', onClick: cont }, 'Continue…'),
      h(
        'button',
        { id: `${id}-cancel`, onClick: () => ctx.act(host.id, 'dismiss-dialog', { id: dialog.id }) },
        'Cancel',
      ),
    ],
  );
}

function renderCertificateConfirm(host, dialog, id, ctx) {
  const a = dialog.answer ?? { choice: 'when-open', loginAs: null, personalData: false };
  return qbWindow(
    { id, title: 'Access Confirmation', className: 'certificate' },
    [
      h('p', {}, `You have given the application "${dialog.appName}" permission to access this company file:`),
      h(
        'ul',
        { class: 'plain-list' },
        h('li', {}, CHOICE_TEXT[a.choice] ?? a.choice),
        a.loginAs ? h('li', {}, `Login as: ${a.loginAs}`) : null,
        h('li', {}, a.personalData ? 'Personal data: allowed' : 'Personal data: not allowed'),
      ),
      h('p', {}, 'You can change this in Edit › Preferences › Integrated Applications › Company Preferences.'),
    ],
    [
      h(
        'button',
        {
          id: `${id}-done`,
          class: 'primary',
          'data-autofocus': '',
          onClick: () => ctx.act(host.id, 'confirm-certificate-dialog'),
        },
        'Done',
      ),
    ],
  );
}

// ---- QuickBooks Login --------------------------------------------------------------------------------------------------

function renderLogin(host, dialog, id, ctx) {
  const file = fileOf(host, dialog.file);
  const users = file?.users ?? [];
  const user = select(
    { id: `${id}-user`, 'data-draft': '', 'data-autofocus': '' },
    users.map((u) => [u.name, u.name]),
    draft(`${id}-user`, users[0]?.name),
  );
  const password = h('input', {
    id: `${id}-password`,
    type: 'password',
    autocomplete: 'off',
    'data-draft': '',
    value: draft(`${id}-password`, ''),
  });
  return qbWindow(
    { id, title: dialog.title || 'QuickBooks Login', className: 'login' },
    [
      h('p', {}, `You need to log in to open the company file ${companyLabel(file) || dialog.file} (${dialog.mode}).`),
      dialog.forApp ? h('p', { class: 'muted' }, `Opened for the application "${dialog.forApp}".`) : null,
      h(
        'form',
        {
          class: 'inline-form',
          id: `${id}-form`,
          onSubmit: (e) => {
            e.preventDefault();
            ctx.act(host.id, 'log-in', { user: user.value, password: password.value }, { clear: `${id}-password` });
          },
        },
        labelled('User Name', user),
        labelled('Password', password),
      ),
    ],
    [
      h('button', { id: `${id}-ok`, class: 'primary', type: 'submit', form: `${id}-form` }, 'OK'),
      h(
        'button',
        { id: `${id}-cancel`, onClick: () => ctx.act(host.id, 'dismiss-dialog', { id: dialog.id }) },
        'Cancel',
      ),
    ],
  );
}

// ---- Preferences › Integrated Applications › Company Preferences --------------------------------------------------------

function renderPreferences(host, dialog, id, ctx) {
  const file = fileOf(host, host.openFile);
  const apps = file?.integratedApps?.apps ?? [];
  const prefs = file?.integratedApps?.prefs ?? { blockAllApps: false, notifyExpiredCert: true };
  const tab = ctx.ui.prefsTab[host.id] ?? 'company';
  const act = (action, body) => ctx.act(host.id, action, body);
  const setTab = (next) => {
    ctx.ui.prefsTab[host.id] = next;
    ctx.rerender();
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  const tabButton = (name, text) =>
    h(
      'button',
      {
        id: `${id}-tab-${name}`,
        role: 'tab',
        type: 'button',
        'aria-selected': String(tab === name),
        'aria-controls': `${id}-panel`,
        tabindex: tab === name ? '0' : '-1',
        'data-autofocus': tab === name ? '' : null,
        onClick: () => setTab(name),
        onKeydown: (e) => {
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') setTab(name === 'my' ? 'company' : 'my');
        },
      },
      text,
    );

  const properties = ctx.ui.properties;
  const editing =
    properties && properties.host === host.id && apps.find((a) => a.appName === properties.appName) ? properties : null;

  const companyPanel = [
    h('p', {}, 'Applications that have requested access to this company file:'),
    apps.length === 0
      ? h('p', { id: `${id}-no-apps`, class: 'muted' }, 'No application has requested access to this company file.')
      : h(
          'table',
          { id: `${id}-apps`, 'aria-label': 'Applications that have requested access' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Allow Access'),
              h('th', { scope: 'col' }, 'Application'),
              h('th', { scope: 'col' }, 'Access'),
              h('th', { scope: 'col' }, 'Actions'),
            ),
          ),
          h(
            'tbody',
            {},
            apps.map((app) => {
              const rid = `${id}-app-${idPart(app.appName)}`;
              return h(
                'tr',
                {},
                h(
                  'td',
                  {},
                  h('input', {
                    type: 'checkbox',
                    id: `${rid}-allow`,
                    checked: app.allowAccess,
                    'aria-label': `Allow Access: ${app.appName}`,
                    onChange: (e) =>
                      act('edit-app-properties', { appName: app.appName, allowAccess: e.target.checked }),
                  }),
                ),
                h('th', { scope: 'row' }, app.appName),
                h('td', {}, accessSummary(app)),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    {
                      id: `${rid}-remove`,
                      class: 'danger',
                      'aria-label': `Remove ${app.appName}`,
                      onClick: () => {
                        if (ctx.ui.properties?.appName === app.appName) ctx.ui.properties = null;
                        act('remove-app', { appName: app.appName });
                      },
                    },
                    'Remove',
                  ),
                  ' ',
                  h(
                    'button',
                    {
                      id: `${rid}-properties`,
                      'aria-label': `Properties of ${app.appName}`,
                      onClick: () => {
                        ctx.ui.properties = { host: host.id, appName: app.appName, tab: 'access' };
                        ctx.clearDrafts(`${id}-props-`);
                        ctx.rerender();
                        document.getElementById(`${id}-props-tab-access`)?.focus();
                      },
                    },
                    'Properties…',
                  ),
                ),
              );
            }),
          ),
        ),
    h(
      'div',
      { class: 'choice' },
      labelled(
        "Don't allow any applications to access this company file",
        h('input', {
          type: 'checkbox',
          id: `${id}-block-all`,
          checked: prefs.blockAllApps,
          onChange: (e) => act('set-company-app-options', { blockAllApps: e.target.checked }),
        }),
        { after: true },
      ),
    ),
    h(
      'div',
      { class: 'choice' },
      labelled(
        'Notify the user before running any application whose certificate has expired',
        h('input', {
          type: 'checkbox',
          id: `${id}-notify-expired`,
          checked: prefs.notifyExpiredCert,
          onChange: (e) => act('set-company-app-options', { notifyExpiredCert: e.target.checked }),
        }),
        { after: true },
      ),
    ),
    editing
      ? renderProperties(
          host,
          apps.find((a) => a.appName === editing.appName),
          file,
          `${id}-props`,
          ctx,
        )
      : null,
  ];

  return qbWindow(
    { id, title: 'Preferences — Integrated Applications', className: 'preferences' },
    [
      h(
        'div',
        { class: 'tabs', role: 'tablist', 'aria-label': 'Preferences tabs' },
        tabButton('my', 'My Preferences'),
        tabButton('company', 'Company Preferences'),
      ),
      h(
        'div',
        { id: `${id}-panel`, role: 'tabpanel', 'aria-labelledby': `${id}-tab-${tab}` },
        tab === 'company'
          ? companyPanel
          : h(
              'p',
              {},
              'Integrated applications have no personal preferences: their access is set per company file, on the Company Preferences tab (Admin, single-user mode).',
            ),
      ),
    ],
    [
      h('button', { id: `${id}-ok`, class: 'primary', onClick: () => act('close-preferences') }, 'OK'),
      h('button', { id: `${id}-cancel`, onClick: () => act('close-preferences') }, 'Cancel'),
    ],
  );
}

function accessSummary(app) {
  if (!app.allowAccess) return 'No access';
  const parts = [app.promptEachTime ? 'prompt each time' : 'allowed'];
  if (app.autoLogin) parts.push(`logs in automatically as ${app.loginAs}`);
  if (app.personalData) parts.push('personal data');
  return parts.join(', ');
}

function renderProperties(host, app, file, id, ctx) {
  const p = ctx.ui.properties;
  const users = file?.users ?? [];
  const setTab = (next) => {
    p.tab = next;
    ctx.rerender();
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  const tab = (name, text) =>
    h(
      'button',
      {
        id: `${id}-tab-${name}`,
        role: 'tab',
        type: 'button',
        'aria-selected': String(p.tab === name),
        'aria-controls': `${id}-panel`,
        tabindex: p.tab === name ? '0' : '-1',
        onClick: () => setTab(name),
        onKeydown: (e) => {
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') setTab(name === 'access' ? 'details' : 'access');
        },
      },
      text,
    );
  const box = (key, text, value, extra = {}) =>
    h(
      'div',
      { class: 'choice' },
      labelled(
        text,
        h('input', {
          type: 'checkbox',
          id: `${id}-${key}`,
          'data-draft': '',
          checked: draft(`${id}-${key}`, value),
          onChange: () => ctx.rerender(),
          ...extra,
        }),
        { after: true },
      ),
    );
  const allow = draft(`${id}-allow`, app.allowAccess);
  const autoLogin = draft(`${id}-auto-login`, app.autoLogin);
  const loginAs = select(
    { id: `${id}-login-as`, 'data-draft': '', disabled: !allow || !autoLogin },
    users.map((u) => [u.name, u.name]),
    draft(`${id}-login-as`, app.loginAs ?? users.find((u) => u.role === 'admin')?.name ?? users[0]?.name),
  );
  const close = () => {
    ctx.ui.properties = null;
    ctx.clearDrafts(`${id}-`);
    ctx.rerender();
  };
  const ok = async () => {
    const auto = draft(`${id}-auto-login`, app.autoLogin);
    const done = await ctx.act(host.id, 'edit-app-properties', {
      appName: app.appName,
      allowAccess: draft(`${id}-allow`, app.allowAccess),
      promptEachTime: draft(`${id}-prompt`, app.promptEachTime),
      autoLogin: auto,
      ...(auto ? { loginAs: loginAs.value } : {}),
      personalData: draft(`${id}-personal-data`, app.personalData),
    });
    if (done) close();
  };
  const r = app.requested ?? {};
  return qbWindow(
    { id, title: `Properties — ${app.appName}`, className: 'properties' },
    [
      h(
        'div',
        { class: 'tabs', role: 'tablist', 'aria-label': 'Properties tabs' },
        tab('access', 'Access Rights'),
        tab('details', 'Details'),
      ),
      h(
        'div',
        { id: `${id}-panel`, role: 'tabpanel', 'aria-labelledby': `${id}-tab-${p.tab}` },
        p.tab === 'access'
          ? [
              box('allow', 'Allow this application to read and modify this company file', app.allowAccess),
              h(
                'div',
                { class: 'indent' },
                box('prompt', 'Prompt before allowing access', app.promptEachTime, { disabled: !allow }),
                box('auto-login', 'Allow this application to log in automatically', app.autoLogin, {
                  disabled: !allow,
                }),
                h('div', { class: 'indent' }, labelled('Login as:', loginAs)),
                box('personal-data', PERSONAL_DATA_TEXT, app.personalData, { disabled: !allow }),
              ),
            ]
          : h(
              'dl',
              { class: 'facts' },
              h('dt', {}, 'Application'),
              h('dd', {}, app.appName),
              h('dt', {}, 'Application ID'),
              h('dd', {}, app.appId || '—'),
              h('dt', {}, 'Certificate'),
              h('dd', {}, `${app.certificateSubject || '(none)'} — ${app.certificateStatus}`),
              h('dt', {}, 'Certificate expires'),
              h('dd', {}, app.certificateExpires ?? '—'),
              h('dt', {}, 'Requested'),
              h(
                'dd',
                {},
                `${r.isReadOnly ? 'read only' : 'read and modify'}, ${r.unattendedModePref ?? '?'}, ${r.personalDataPref ?? '?'}`,
              ),
              h('dt', {}, 'Granted'),
              h('dd', {}, app.grantedAt),
            ),
      ),
    ],
    [
      h('button', { id: `${id}-ok`, class: 'primary', onClick: ok }, 'OK'),
      h('button', { id: `${id}-cancel`, onClick: close }, 'Cancel'),
    ],
  );
}
