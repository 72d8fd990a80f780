/*
 * The jobs page's selection and sorting (docs/usage.md, "Find, sort and act on many jobs"):
 * a checkbox in each row's name cell (rows replaced by live updates get theirs again), one
 * confirmation for the selected jobs (the shared confirm dialog of dcf.js), sortable column
 * headers, and the search carried over by the state pills and page links.
 */
(function () {
  'use strict';

  const table = document.getElementById('jobs');
  const form = document.getElementById('bulk-form');
  if (!table || !form) {
    return;
  }
  const rows = document.getElementById('job-rows');
  const selected = new Set();
  const params = new URLSearchParams(window.location.search);

  function addCheckbox(row) {
    const cell = row.querySelector('td.job-name-cell');
    if (!cell || cell.querySelector('.job-select')) {
      return;
    }
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.className = 'form-check-input me-2 job-select';
    box.value = row.dataset.jobId;
    box.checked = selected.has(row.dataset.jobId);
    box.setAttribute('aria-label', 'Select job');
    cell.prepend(box);
  }

  function refresh() {
    const count = document.getElementById('bulk-count');
    count.textContent = selected.size + ' selected';
    form.querySelectorAll('.bulk-button').forEach((button) => { button.disabled = selected.size === 0; });
    const all = document.getElementById('select-all');
    const boxes = rows.querySelectorAll('.job-select');
    all.checked = boxes.length > 0 && Array.from(boxes).every((box) => box.checked);
  }

  // "select all" in the Name header
  const nameHeader = table.querySelector('thead th');
  const all = document.createElement('input');
  all.type = 'checkbox';
  all.id = 'select-all';
  all.className = 'form-check-input me-2';
  all.setAttribute('aria-label', 'Select all jobs on this page');
  nameHeader.prepend(all);
  all.addEventListener('change', () => {
    rows.querySelectorAll('.job-select').forEach((box) => {
      box.checked = all.checked;
      if (all.checked) {
        selected.add(box.value);
      } else {
        selected.delete(box.value);
      }
    });
    refresh();
  });

  rows.querySelectorAll('tr.job-row').forEach(addCheckbox);
  new MutationObserver(() => {
    rows.querySelectorAll('tr.job-row').forEach(addCheckbox);
    // a deleted job leaves the selection
    const present = new Set(Array.from(rows.querySelectorAll('tr.job-row')).map((row) => row.dataset.jobId));
    Array.from(selected).filter((id) => !present.has(id)).forEach((id) => selected.delete(id));
    refresh();
  }).observe(rows, { childList: true });
  rows.addEventListener('change', (event) => {
    if (event.target.classList.contains('job-select')) {
      if (event.target.checked) {
        selected.add(event.target.value);
      } else {
        selected.delete(event.target.value);
      }
      refresh();
    }
  });

  form.querySelectorAll('.bulk-button').forEach((button) => {
    button.addEventListener('click', () => {
      const action = button.dataset.action;
      document.getElementById('bulk-action').value = action;
      form.querySelectorAll('input[name="ids"]').forEach((input) => input.remove());
      selected.forEach((id) => {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = 'ids';
        input.value = id;
        form.appendChild(input);
      });
      form.dataset.confirmed = 'false';
      form.dataset.confirm = action.charAt(0).toUpperCase() + action.slice(1) + ' ' + selected.size + ' selected job'
        + (selected.size === 1 ? '' : 's') + '?' + (action === 'delete' ? ' This cannot be undone.' : '');
      form.dataset.confirmButton = action.charAt(0).toUpperCase() + action.slice(1);
    });
  });

  // sortable headers: column index -> sort key
  const keys = ['name', 'image', 'topic', 'state', 'agent', 'containers', null, null, 'createdAt', null];
  const current = (params.get('sort') || '').split(',');
  table.querySelectorAll('thead th').forEach((header, index) => {
    const key = keys[index];
    if (!key) {
      return;
    }
    const descending = current[0] === key && current[1] !== 'desc';
    const link = document.createElement('a');
    link.href = '#';
    link.className = 'text-reset text-decoration-none sort-link';
    link.dataset.sort = key;
    const label = Array.from(header.childNodes).filter((node) => node.nodeType === Node.TEXT_NODE);
    link.textContent = label.map((node) => node.textContent).join('').trim()
      + (current[0] === key ? (current[1] === 'desc' ? ' ▼' : ' ▲') : '');
    label.forEach((node) => node.remove());
    header.appendChild(link);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const next = new URLSearchParams(window.location.search);
      next.set('sort', key + ',' + (descending ? 'desc' : 'asc'));
      next.delete('page');
      window.location.search = next.toString();
    });
  });

  // the state pills and page links keep the search and the order
  ['q', 'owner', 'sort'].forEach((name) => {
    const value = params.get(name);
    if (!value) {
      return;
    }
    document.querySelectorAll('.state-filter a.nav-link, .pagination a.page-link').forEach((link) => {
      const url = new URL(link.href, window.location.href);
      url.searchParams.set(name, value);
      link.href = url.pathname + url.search;
    });
  });

  refresh();
})();
