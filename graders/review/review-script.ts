/**
 * The review page's one script, served as a file (`review.js`) so the content security policy
 * runs nothing inline. It reads the markup the server rendered (members, versions, rubric points
 * in data attributes), sends each score as JSON the moment it is made, and shows the server's
 * answer: the stored score, or why it was refused (a stale write, an answer regraded since).
 * Plain browser JavaScript, no build step; every text it inserts goes in as text, never as markup.
 */
export const REVIEW_SCRIPT = String.raw`(() => {
  'use strict';
  const main = document.getElementById('review');
  const status = document.getElementById('status');
  const say = (text) => { if (status) status.textContent = text; };
  const select = document.getElementById('part-select');
  if (select) select.addEventListener('change', () => { window.location.assign(select.value); });
  if (!main) return;
  const api = main.dataset.api;
  const max = Number(main.dataset.max);
  const part = main.dataset.part;
  const groups = [...document.querySelectorAll('section.group')];
  const fmt = (x) => String(Math.round(x * 1e6) / 1e6);
  let current = null;

  const parts = (g) => {
    const form = g.querySelector('form.score');
    return {
      form,
      items: [...g.querySelectorAll('input[type=checkbox][data-index]')],
      adj: g.querySelector('input.adj'),
      comment: g.querySelector('textarea.comment'),
      total: g.querySelector('output.total'),
      badge: g.querySelector('[data-badge]'),
      msg: g.querySelector('p.msg'),
    };
  };
  const members = (g) => [...g.querySelectorAll('ul.members li')].map((li) => ({ li, student: li.dataset.student, answerHash: li.dataset.hash, version: Number(li.dataset.version) }));
  const adjustment = (g) => {
    const v = parts(g).adj.value.trim();
    return v === '' ? null : Number(v);
  };
  const computed = (g) => {
    const p = parts(g);
    const adj = adjustment(g);
    if (p.items.length === 0 && adj === null) return null;
    const sum = p.items.filter((c) => c.checked).reduce((s, c) => s + Number(c.dataset.points), 0) + (adj ?? 0);
    return Math.min(max, Math.max(0, sum));
  };
  const showTotal = (g) => {
    const s = computed(g);
    parts(g).total.textContent = s === null ? '' : 'Score: ' + fmt(s) + ' / ' + fmt(max);
  };
  const scoredCount = () => {
    const n = document.querySelectorAll('section.group.is-scored ul.members li').length;
    const el = document.getElementById('scored-count');
    if (el) el.textContent = String(n);
  };

  const focusGroup = (g, scroll = true) => {
    if (!g) return;
    if (current) current.classList.remove('current');
    if (current) current.removeAttribute('aria-current');
    current = g;
    g.classList.add('current');
    g.setAttribute('aria-current', 'true');
    if (scroll) {
      g.focus({ preventScroll: true });
      g.scrollIntoView({ block: 'nearest' });
    }
  };
  const step = (by) => {
    const i = groups.indexOf(current);
    focusGroup(groups[Math.min(groups.length - 1, Math.max(0, i + by))]);
  };
  const nextUnscored = () => {
    const i = groups.indexOf(current);
    const order = groups.slice(i + 1).concat(groups.slice(0, i + 1));
    const g = order.find((x) => !x.classList.contains('is-scored'));
    if (g) focusGroup(g);
    else say('Every answer of this part is scored.');
  };

  // One write per group at a time: a second change waits for the first answer, then goes with the latest marks.
  const inflight = new Map();
  const save = async (g, action = 'score') => {
    if (inflight.has(g)) { inflight.set(g, action); return; }
    inflight.set(g, null);
    const p = parts(g);
    const body = {
      part,
      action,
      members: members(g).map(({ student, answerHash, version }) => ({ student, answerHash, version })),
      ticked: p.items.filter((c) => c.checked).map((c) => Number(c.dataset.index)),
      adjustment: adjustment(g) ?? 0,
      comment: p.comment.value,
    };
    if (action === 'score' && computed(g) === null) {
      inflight.delete(g);
      p.msg.textContent = 'Enter a score first.';
      return;
    }
    p.msg.textContent = '';
    say('Saving…');
    try {
      const res = await fetch(api + 'score', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
      const answer = await res.json().catch(() => ({ message: 'the server sent no readable answer (' + res.status + ')' }));
      if (!res.ok) {
        g.classList.add('refused');
        p.msg.textContent = answer.message || ('Not saved (' + res.status + ').');
        say('Not saved: see the message under the answer.');
      } else {
        g.classList.remove('refused');
        for (const m of members(g)) {
          if (answer.versions && m.student in answer.versions) m.li.dataset.version = String(answer.versions[m.student]);
          // Each member's own score, shown while they differed, is the group's now.
          for (const old of m.li.querySelectorAll('span.muted')) old.remove();
        }
        for (const n of g.querySelectorAll('p.note')) n.remove();
        if (action === 'clear') {
          g.classList.remove('is-scored');
          p.badge.textContent = 'not scored';
          p.badge.className = 'badge todo';
          for (const c of p.items) c.checked = false;
          p.adj.value = p.items.length ? '0' : '';
          p.comment.value = '';
          showTotal(g);
        } else {
          g.classList.add('is-scored');
          p.badge.textContent = fmt(answer.score) + ' / ' + fmt(max);
          p.badge.className = 'badge scored';
        }
        scoredCount();
        const who = members(g).map((m) => m.student).join(', ');
        say((action === 'clear' ? 'Cleared ' : 'Saved ') + who + (action === 'clear' ? '' : ': ' + fmt(answer.score) + ' / ' + fmt(max)) + '. Updating the reports…');
        watchReports(answer.revision);
      }
    } catch (err) {
      p.msg.textContent = 'Not saved: the review server cannot be reached (' + err.message + '). Is it still running?';
      say('Not saved.');
    } finally {
      const again = inflight.get(g);
      inflight.delete(g);
      if (again) save(g, again);
    }
  };

  let watching = null;
  const watchReports = (revision) => {
    if (watching) clearTimeout(watching);
    const poll = async () => {
      try {
        const res = await fetch(api + 'status', { credentials: 'same-origin' });
        const s = await res.json();
        if (s.error) { say('Saved, but the reports could not be rewritten: ' + s.error); return; }
        if (!s.rendering && s.renderedRevision >= revision) { say('Saved; the reports are up to date (store revision ' + s.renderedRevision + ').'); return; }
      } catch (err) {
        say('Saved; the review server does not answer about the reports (' + err.message + ').');
        return;
      }
      watching = setTimeout(poll, 300);
    };
    watching = setTimeout(poll, 200);
  };

  const full = (g) => {
    const p = parts(g);
    if (p.items.length) {
      for (const c of p.items) c.checked = Number(c.dataset.points) > 0;
      const sum = p.items.filter((c) => c.checked).reduce((s, c) => s + Number(c.dataset.points), 0);
      p.adj.value = fmt(Math.max(0, max - sum));
    } else p.adj.value = fmt(max);
    showTotal(g);
    save(g);
  };
  const zero = (g) => {
    const p = parts(g);
    for (const c of p.items) c.checked = false;
    p.adj.value = '0';
    showTotal(g);
    save(g);
  };

  for (const g of groups) {
    const p = parts(g);
    showTotal(g);
    g.addEventListener('focusin', () => { if (current !== g) focusGroup(g, false); });
    g.addEventListener('click', () => { if (current !== g) focusGroup(g, false); });
    p.form.addEventListener('submit', (e) => { e.preventDefault(); save(g); });
    for (const c of p.items) c.addEventListener('change', () => { showTotal(g); save(g); });
    p.adj.addEventListener('input', () => showTotal(g));
    p.adj.addEventListener('change', () => { showTotal(g); if (adjustment(g) !== null || p.items.length) save(g); });
    // A comment alone scores nothing: it goes with the next score, or at once to an answer scored already.
    p.comment.addEventListener('change', () => { if (g.classList.contains('is-scored')) save(g); });
    for (const b of g.querySelectorAll('button[data-act]')) {
      b.addEventListener('click', () => {
        const act = b.dataset.act;
        if (act === 'full') full(g);
        else if (act === 'zero') zero(g);
        else if (act === 'clear') save(g, 'clear');
        else save(g);
      });
    }
  }
  focusGroup(groups.find((g) => !g.classList.contains('is-scored')) || groups[0], false);

  const keys = document.getElementById('keys');
  const typing = (el) => el && (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && el.type !== 'checkbox'));
  document.addEventListener('keydown', (e) => {
    const el = document.activeElement;
    if (typing(el)) {
      if (e.key === 'Escape') { el.blur(); if (current) current.focus({ preventScroll: true }); e.preventDefault(); }
      else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { el.blur(); e.preventDefault(); if (current) { save(current); step(1); } }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const nav = (rel) => { const a = document.querySelector('a[data-nav=' + rel + ']'); if (a) window.location.assign(a.href); };
    const g = current;
    let handled = true;
    if (e.key === 'j') step(1);
    else if (e.key === 'k') step(-1);
    else if (e.key === 'u') nextUnscored();
    else if (e.key === '[') nav('prev');
    else if (e.key === ']') nav('next');
    else if (e.key === '?') { if (keys) { keys.open = !keys.open; if (keys.open) keys.scrollIntoView({ block: 'nearest' }); } }
    else if (!g) handled = false;
    else if (e.key === 'f') full(g);
    else if (e.key === '0') zero(g);
    else if (e.key === 'x') save(g, 'clear');
    else if (e.key === 'a') parts(g).adj.focus();
    else if (e.key === 'c') parts(g).comment.focus();
    else if (/^[1-9]$/.test(e.key)) {
      const p = parts(g);
      const n = Number(e.key);
      if (p.items.length) {
        const box = p.items[n - 1];
        if (box) { box.checked = !box.checked; showTotal(g); save(g); }
      } else if (n <= max) { p.adj.value = String(n); showTotal(g); save(g); }
    } else handled = false;
    if (handled) e.preventDefault();
  });
})();
`;
