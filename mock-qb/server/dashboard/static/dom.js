// A tiny DOM builder and the page's render helpers (no framework).

/**
 * Creates an element: `h('button', { onClick, class: 'primary' }, 'OK')`. Props starting with `on` add listeners;
 * `value`, `checked`, `disabled`, `selected`, `hidden` are set as properties; null/undefined/false props are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') el.className = value;
    else if (['value', 'checked', 'disabled', 'selected', 'hidden', 'open', 'indeterminate'].includes(key))
      el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** A label and its control, joined by the control's id. */
export function labelled(text, control, opts = {}) {
  const label = h('label', { for: control.id }, text);
  return h('span', { class: 'field' }, opts.after ? [control, label] : [label, control]);
}

/** A `<select>` of `[value, text]` options. */
export function select(props, options, selected) {
  return h(
    'select',
    props,
    options.map(([value, text]) => h('option', { value, selected: value === selected }, text)),
  );
}

/** Makes a string usable in an element id. */
export function idPart(text) {
  return String(text).replace(/[^A-Za-z0-9_-]/g, '_');
}

// ---- drafts: what a person typed or ticked survives the re-renders a live update causes ------------------------------

const drafts = new Map();

function remember(event) {
  const t = event.target;
  if (!(t instanceof HTMLElement) || t.dataset.draft === undefined || !t.id) return;
  if (t instanceof HTMLInputElement && t.type === 'radio') {
    for (const r of document.querySelectorAll(`input[type=radio][name="${CSS.escape(t.name)}"]`)) {
      if (r.id) drafts.set(r.id, r.checked);
    }
  } else if (t instanceof HTMLInputElement && t.type === 'checkbox') drafts.set(t.id, t.checked);
  else drafts.set(t.id, t.value);
}
document.addEventListener('input', remember);
document.addEventListener('change', remember);

/** The draft of a control (by id), or `fallback` when nobody touched it since the last clear. */
export function draft(id, fallback) {
  return drafts.has(id) ? drafts.get(id) : fallback;
}

/** Forgets the drafts of every control whose id starts with `prefix`. */
export function clearDrafts(prefix) {
  for (const key of [...drafts.keys()]) if (key.startsWith(prefix)) drafts.delete(key);
}

/** Replaces a container's content, keeping keyboard focus and open `<details>` where they were (by id). */
export function renderInto(container, ...nodes) {
  const active = document.activeElement;
  const activeId = active instanceof HTMLElement && container.contains(active) ? active.id : '';
  const open = new Set([...container.querySelectorAll('details[open][id]')].map((d) => d.id));
  container.replaceChildren();
  append(container, nodes);
  for (const id of open) {
    const d = document.getElementById(id);
    if (d instanceof HTMLDetailsElement) d.open = true;
  }
  if (activeId) {
    const again = document.getElementById(activeId);
    if (again && container.contains(again)) again.focus({ preventScroll: true });
  }
}

/** A window of the QuickBooks UI: a titled, labelled region with its body and buttons. */
export function qbWindow({ id, title, className = '', modal = false }, body, buttons = []) {
  const titleId = `${id}-title`;
  return h(
    'section',
    {
      id,
      class: `window ${className}`,
      role: modal ? 'alertdialog' : 'dialog',
      'aria-modal': modal ? 'true' : null,
      'aria-labelledby': titleId,
    },
    h('h3', { id: titleId, class: 'window-title' }, title),
    h('div', { class: 'window-body' }, body),
    buttons.length ? h('div', { class: 'window-buttons' }, buttons) : null,
  );
}

/** Short local time of an ISO string or epoch ms. */
export function timeOf(at) {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? String(at) : d.toLocaleTimeString([], { hour12: false });
}
