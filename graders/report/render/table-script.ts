/**
 * The one script of the class page, inline and allowed by its hash: it makes the tables marked
 * `sortable` sort by a click on a column header (numbers by `data-sort` when a cell has one, blanks
 * last) and adds a filter box above those with `data-filter`. Without it the page reads the same,
 * in pack order; nothing is hidden from a reader who runs no script.
 */
export const TABLE_SCRIPT = `(() => {
  const key = (cell) => {
    const raw = cell.dataset.sort ?? cell.textContent.trim();
    const n = raw === '' ? NaN : Number(raw);
    return Number.isFinite(n) ? n : raw === '' ? null : raw.toLowerCase();
  };
  for (const table of document.querySelectorAll('table.sortable')) {
    const body = table.tBodies[0];
    const heads = [...table.tHead.rows[0].cells];
    heads.forEach((th, col) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener('click', () => {
        const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        for (const h of heads) h.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', dir);
        const sign = dir === 'ascending' ? 1 : -1;
        const rows = [...body.rows].map((row, i) => ({ row, i, k: key(row.cells[col]) }));
        rows.sort((a, b) => {
          if (a.k === null || b.k === null) return a.k === b.k ? a.i - b.i : a.k === null ? 1 : -1;
          const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k), undefined, { numeric: true });
          return sign * c || a.i - b.i;
        });
        body.append(...rows.map((r) => r.row));
      });
    });
    const label = table.dataset.filter;
    if (!label) continue;
    const box = document.createElement('p');
    box.className = 'filter';
    const input = document.createElement('input');
    input.type = 'search';
    input.id = table.id + '-filter';
    const name = document.createElement('label');
    name.htmlFor = input.id;
    name.textContent = label + ' ';
    const count = document.createElement('span');
    count.className = 'muted';
    count.setAttribute('aria-live', 'polite');
    box.append(name, input, ' ', count);
    table.before(box);
    input.addEventListener('input', () => {
      const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
      let shown = 0;
      for (const row of body.rows) {
        const text = row.textContent.toLowerCase();
        row.hidden = !words.every((w) => text.includes(w));
        if (!row.hidden) shown += 1;
      }
      count.textContent = words.length ? shown + ' of ' + body.rows.length + ' shown' : '';
    });
  }
})();`;
