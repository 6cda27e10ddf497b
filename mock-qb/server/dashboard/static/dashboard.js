// The live dashboard of qbd-sim: the fake QuickBooks as the windows of the support article. Everything it shows
// comes from the control API (/__qbd/state, /__qbd/webconnector/…, /__qbd/events); everything it does is a control
// API call — the same routes the scenarios use.
import { ApiError, Refusal, control, followJournal, onUnauthorized, setToken, uiAction } from './api.js';
import { clearDrafts, h, idPart, qbWindow, renderInto } from './dom.js';
import { renderDataBrowser } from './data-browser.js';
import { hostKey, renderHost } from './host-view.js';
import { createJournalView } from './journal-view.js';
import { renderWebConnector } from './web-connector-view.js';

const $ = (id) => document.getElementById(id);

/** What only the page knows: open tabs, the Properties window, loaded logs and records. */
const ui = { prefsTab: {}, properties: null, wcLog: {}, records: null };
let hosts = [];
const webConnectors = {};
let lastSignature = '';

const ctx = {
  ui,
  act,
  run,
  message,
  clearDrafts,
  loadLog,
  rerender: () => render(true),
};

// ---- rendering --------------------------------------------------------------------------------------------------------

function signature() {
  // The host clock moves on every read: it alone is no reason to redraw.
  return JSON.stringify({ hosts: hosts.map(({ clock: _clock, ...rest }) => rest), webConnectors });
}

function render(force = false) {
  const sig = signature();
  if (!force && sig === lastSignature) return;
  lastSignature = sig;
  renderInto($('hosts-list'), hosts.length ? hosts.map((x) => renderHost(x, ctx)) : h('p', {}, 'No QuickBooks host.'));
  renderInto(
    $('web-connectors-list'),
    hosts.map((x) => renderWebConnector(x.id, webConnectors[x.id], ctx)),
  );
  renderInto($('data-browser'), renderDataBrowser(hosts, ctx));
  focusNewWindows();
}

const seenWindows = new Set();

/** A window that just opened (or moved to its next step) takes the keyboard focus, as a modal window does. */
function focusNewWindows() {
  const fresh = [];
  for (const host of hosts) {
    for (const d of host.dialogs) {
      const key = `${host.id}\n${d.id}\n${d.stage ?? ''}`;
      if (!seenWindows.has(key)) fresh.push([host, d]);
      seenWindows.add(key);
    }
  }
  const newest = fresh.at(-1);
  if (!newest) return;
  const [host, d] = newest;
  announce(`${d.title} window opened on ${host.id}${d.appName ? ` for ${d.appName}` : ''}.`);
  if (document.querySelector('.message-layer')) return;
  const win = $(`${hostKey(host.id)}-dlg-${idPart(d.id)}`);
  win?.querySelector('[data-autofocus]')?.focus();
}

function announce(text) {
  $('announce').textContent = text;
}

function showError(text) {
  const banner = $('error');
  banner.textContent = text;
  banner.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

/** A QuickBooks message box (a refusal, a QBWC error): modal, OK or Escape closes it, focus goes back. */
function message(title, text) {
  return new Promise((resolve) => {
    const layer = $('message-box-layer');
    const previousId = document.activeElement?.id;
    const close = () => {
      layer.replaceChildren();
      layer.className = '';
      if (previousId) $(previousId)?.focus();
      resolve();
    };
    const ok = h('button', { id: 'message-box-ok', class: 'primary', onClick: close }, 'OK');
    const box = qbWindow(
      { id: 'message-box', title, className: 'message-box', modal: true },
      h('p', { id: 'message-box-text' }, text),
      [ok],
    );
    box.setAttribute('aria-describedby', 'message-box-text');
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') close();
      else if (e.key === 'Tab') {
        e.preventDefault(); // one button: focus stays in the box
        ok.focus();
      }
    });
    layer.className = 'message-layer';
    layer.replaceChildren(box);
    ok.focus();
  });
}

// ---- actions ----------------------------------------------------------------------------------------------------------

async function failed(error) {
  render(true); // checkboxes and fields back to what QuickBooks has
  if (error instanceof Refusal) await message('QuickBooks', error.message);
  else if (error instanceof ApiError && error.body?.qbwcCode) await message('QuickBooks Web Connector', error.message);
  else showError(error.message);
}

/** One UI action of a host through the control API. Resolves to its answer, or null when refused or failed. */
async function act(hostId, action, body = {}, opts = {}) {
  try {
    const answer = await uiAction(hostId, action, body);
    if (opts.clear) clearDrafts(opts.clear);
    if (answer.state) hosts = hosts.map((x) => (x.id === answer.state.id ? answer.state : x));
    clearError();
    render(true);
    scheduleRefresh();
    return answer;
  } catch (error) {
    await failed(error);
    return null;
  }
}

/** Any other control API call (Web Connector, data browser): `okText(answer)` is announced. */
async function run(fn, okText, clear) {
  try {
    const answer = await fn();
    if (clear) clearDrafts(clear);
    clearError();
    announce(okText(answer));
    render(true);
    scheduleRefresh();
    return answer;
  } catch (error) {
    await failed(error);
    return null;
  }
}

async function loadLog(hostId) {
  try {
    const log = await control.wcLog(hostId);
    ui.wcLog[hostId] = log.text || '(empty)';
    const pre = $(`wc-${idPart(hostId)}-log-text`);
    if (pre) pre.textContent = ui.wcLog[hostId];
  } catch (error) {
    showError(error.message);
  }
}

// ---- live updates -----------------------------------------------------------------------------------------------------

let refreshing = null;
let again = false;
let timer = null;

async function refresh() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    try {
      do {
        again = false;
        const state = await control.state();
        const wcs = await Promise.all(state.hosts.map((x) => control.webConnector(x.id).catch(() => null)));
        hosts = state.hosts;
        state.hosts.forEach((x, i) => {
          if (wcs[i]) webConnectors[x.id] = wcs[i];
        });
        render();
      } while (again);
    } catch (error) {
      showError(error.message);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function scheduleRefresh() {
  clearTimeout(timer);
  timer = setTimeout(refresh, 100);
}

const journal = createJournalView($('journal-view'));

const journalStream = followJournal(
  (entry) => {
    journal.add(entry);
    scheduleRefresh();
    if (entry.actor === 'qbwc' && $(`wc-${idPart(entry.hostId)}-log`)?.open) void loadLog(entry.hostId);
  },
  (live) => {
    const el = $('live');
    el.textContent = live ? 'Live' : 'Disconnected — retrying…';
    el.classList.toggle('offline', !live);
    if (live) scheduleRefresh();
  },
);

onUnauthorized(() => {
  $('token-form').hidden = false;
  showError('The control API needs the control token this mock was started with.');
});

$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  setToken($('token-input').value);
  $('token-form').hidden = true;
  clearError();
  journalStream.reconnect();
  void refresh();
});

void refresh();
