// The journal timeline: newest first, filtered by actor; qbXML exchanges (and any entry with details) expand.
import { h, timeOf } from './dom.js';

const ACTORS = ['app', 'qbxml', 'ui', 'host', 'clock', 'control', 'qbwc', 'fault', 'journal'];
const KEEP = 500;

export function createJournalView(container) {
  const entries = [];
  let filter = '';
  const list = h('ol', { class: 'journal-list', id: 'journal-list', 'aria-label': 'Journal entries, newest first' });
  const count = h('span', { id: 'journal-count', class: 'muted' });
  const filterSelect = h(
    'select',
    {
      id: 'journal-actor',
      onChange: (e) => {
        filter = e.target.value;
        redraw();
      },
    },
    h('option', { value: '' }, 'All actors'),
    ACTORS.map((a) => h('option', { value: a }, a)),
  );
  container.replaceChildren(
    h('div', { class: 'inline-form' }, h('label', { for: 'journal-actor' }, 'Filter by actor'), filterSelect, count),
    list,
  );

  function item(entry) {
    const head = [
      h('span', { class: 'journal-time' }, timeOf(entry.at)),
      h('span', { class: `actor actor-${entry.actor}` }, entry.actor),
      h('span', { class: 'muted' }, `${entry.hostId} · ${entry.kind} · `),
      entry.summary,
    ];
    const data = entry.data;
    if (!data) return h('li', { 'data-seq': entry.seq, 'data-actor': entry.actor }, head);
    // The details (a qbXML exchange can be tens of kilobytes) are built when first opened.
    const body = () =>
      entry.kind === 'qbxml.exchange' && typeof data.request === 'string'
        ? [
            h('h4', {}, 'Request'),
            h('pre', { tabindex: '0' }, data.request),
            h('h4', {}, 'Response'),
            h('pre', { tabindex: '0' }, String(data.response ?? '')),
          ]
        : [h('pre', { tabindex: '0' }, JSON.stringify(data, null, 2))];
    const details = h('details', { id: `journal-${entry.seq}` }, h('summary', {}, head));
    details.addEventListener('toggle', () => {
      if (details.open && details.childElementCount === 1) details.append(...body());
    });
    return h('li', { 'data-seq': entry.seq, 'data-actor': entry.actor }, details);
  }

  function visible(entry) {
    return !filter || entry.actor === filter;
  }

  function updateCount() {
    const shown = filter ? entries.filter(visible).length : entries.length;
    count.textContent = `${shown} of the last ${entries.length} entries`;
  }

  function redraw() {
    const open = new Set([...list.querySelectorAll('details[open]')].map((d) => d.id));
    list.replaceChildren(...entries.filter(visible).reverse().map(item));
    for (const id of open) {
      const d = document.getElementById(id);
      if (d) d.open = true;
    }
    updateCount();
  }

  return {
    add(entry) {
      if (entries.length && entry.seq <= entries[entries.length - 1].seq) return;
      entries.push(entry);
      if (entries.length > KEEP) {
        const dropped = entries.shift();
        list.querySelector(`li[data-seq="${dropped.seq}"]`)?.remove();
      }
      if (visible(entry)) list.prepend(item(entry));
      updateCount();
    },
  };
}
