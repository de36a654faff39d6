// kaikille's check kit: loaded into our own isolated world of a page (never the page's), where page
// scripts can neither see nor change it. It only reads the DOM and listens to its events.
(() => {
  if (globalThis.__kaikille) return;
  const ids = new WeakMap();
  const refs = new Map();
  let next = 1;
  const remember = (el) => {
    if (!el || el.nodeType !== 1) return 0;
    if (!ids.has(el)) { ids.set(el, next); refs.set(next, new WeakRef(el)); next += 1; }
    return ids.get(el);
  };
  const get = (id) => { const ref = refs.get(id); return ref ? ref.deref() : undefined; };

  const cssPath = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 6; node = node.parentElement) {
      if (node.id && /^[A-Za-z][\w-]*$/.test(node.id) && document.querySelectorAll('#' + node.id).length === 1) {
        parts.unshift('#' + node.id);
        break;
      }
      let part = node.localName;
      const parent = node.parentElement;
      if (parent) {
        const same = Array.prototype.filter.call(parent.children, (c) => c.localName === node.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
      if (node.localName === 'body') break;
    }
    return parts.join(' > ');
  };
  const snippet = (el) => {
    const html = el.outerHTML || '';
    const end = html.indexOf('>');
    return html.slice(0, end >= 0 ? Math.min(end + 1, 300) : 300);
  };
  const textOf = (el) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
  const name = (el) => {
    const label = el.getAttribute('aria-label');
    if (label && label.trim()) return label.trim().slice(0, 200);
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const text = by.split(/\s+/).map((i) => document.getElementById(i)).filter(Boolean).map(textOf).join(' ').trim();
      if (text) return text.slice(0, 200);
    }
    if (el.labels && el.labels.length) return textOf(el.labels[0]).slice(0, 200);
    const own = textOf(el) || el.getAttribute('alt') || el.getAttribute('title') || el.getAttribute('value') || '';
    if (own) return own.slice(0, 200);
    const img = el.querySelector && el.querySelector('img[alt]');
    return img ? img.getAttribute('alt').slice(0, 200) : '';
  };
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const describe = (el) => {
    const box = el.getBoundingClientRect();
    return {
      selector: cssPath(el), html: snippet(el), name: name(el), tag: el.localName,
      role: el.getAttribute('role') || '', tabindex: el.getAttribute('tabindex'),
      box: [Math.round(box.left + scrollX), Math.round(box.top + scrollY), Math.round(box.width), Math.round(box.height)],
    };
  };

  // What can show focus: the element, its pseudo-elements, its nearest ancestors and its children.
  const LOOK = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow',
    'border-top-style', 'border-top-width', 'border-top-color', 'border-bottom-style', 'border-bottom-width',
    'border-bottom-color', 'border-left-style', 'border-left-color', 'border-right-style', 'border-right-color', 'background-color', 'background-image',
    'color', 'text-decoration-line', 'text-decoration-color', 'text-decoration-style', 'font-weight',
    'transform', 'opacity', 'filter', 'text-shadow', 'visibility', 'display', 'content'];
  // Only what can be seen: an outline or border side of style none shows nothing, whatever its width,
  // colour or offset (Chromium's own :focus-visible rule moves outline-offset even then).
  const styleText = (el, pseudo) => {
    const s = getComputedStyle(el, pseudo);
    const hidden = (p) => (p.startsWith('outline-') && s.getPropertyValue('outline-style') === 'none') ||
      (/^border-(top|bottom)-/.test(p) && s.getPropertyValue(p.replace(/-(width|color)$/, '-style')) === 'none') ||
      (/^border-(left|right)-color$/.test(p) && s.getPropertyValue(p.replace('-color', '-style')) === 'none');
    return LOOK.map((p) => (hidden(p) ? '' : s.getPropertyValue(p))).join('|');
  };
  const look = (el) => {
    if (!el) return null;
    const parts = [styleText(el), styleText(el, '::before'), styleText(el, '::after')];
    let up = el.parentElement;
    for (let i = 0; i < 3 && up && up !== document.body; i += 1, up = up.parentElement) parts.push(styleText(up));
    for (const child of Array.prototype.slice.call(el.children, 0, 5)) parts.push(styleText(child));
    return parts.join('\n');
  };

  // In a fixed or sticky box: where it is on the page depends on the scroll, not on the reading order.
  const pinned = (el) => {
    for (let node = el, i = 0; node && node.nodeType === 1 && i < 40; node = node.parentElement, i += 1) {
      const position = getComputedStyle(node).position;
      if (position === 'fixed' || position === 'sticky') return true;
    }
    return false;
  };

  const deepActive = () => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el && el !== document.body && el !== document.documentElement ? el : null;
  };

  // Focus as it really moved: where the first focusout went (null: out of the page), and what was
  // focused right after it, before any page timer could move focus back.
  const log = [];
  let mutations = 0;
  document.addEventListener('focusout', (event) => {
    const entry = { type: 'out', from: remember(event.target), to: remember(event.relatedTarget), after: -1 };
    log.push(entry);
    setTimeout(() => { entry.after = remember(deepActive()); }, 0);
  }, true);
  document.addEventListener('focusin', (event) => { log.push({ type: 'in', to: remember(event.target) }); }, true);
  new MutationObserver((records) => { mutations += records.length; })
    .observe(document, { attributes: true, childList: true, characterData: true, subtree: true });

  const focusable = () => Array.prototype.filter.call(
    document.querySelectorAll('a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable], audio[controls], video[controls]'),
    (el) => !el.disabled && el.getAttribute('tabindex') !== '-1' && !(el.localName === 'input' && el.type === 'hidden') &&
      !el.closest('[inert]') && visible(el));

  globalThis.__kaikille = {
    remember, get, describe, name, visible, cssPath, snippet, look, deepActive, focusable,
    start() {
      log.length = 0;
      mutations = 0;
      return remember(deepActive());
    },
    // after a key press: where focus landed first, where it is now, and what it looks like
    finish(previous) {
      const now = deepActive();
      const out = log.find((e) => e.type === 'out');
      const firstIn = log.find((e) => e.type === 'in');
      let landing;
      if (!out) landing = firstIn ? firstIn.to : remember(now); // nothing was focused before
      else if (!out.to) landing = out.after > 0 && out.after !== out.from ? out.after : 0; // 0: out of the page
      else landing = firstIn ? firstIn.to : out.to;
      return {
        landing, active: remember(now), mutated: mutations,
        info: now ? { ...describe(now), fixed: pinned(now) } : null, look: now ? look(now) : null,
        previousLook: previous ? look(get(previous)) : null,
      };
    },
  };
})();
