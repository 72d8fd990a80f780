/*
 * The jobs page's selection (docs/usage.md, "Find, sort and act on many jobs"): the rows'
 * checkboxes (rendered by the server) stay ticked while rows are replaced by live updates,
 * a job that leaves the list leaves the selection, and one confirmation names how many
 * jobs the bulk action acts on (the shared confirm dialog of dcf.js). Search, sorting and
 * paging are htmx (templates/jobs/list.html).
 */
(function () {
  'use strict';

  const form = document.getElementById('bulk-form');
  const list = document.getElementById('jobs-list');
  if (!form || !list) {
    return;
  }
  const selected = new Set();
  const boxes = () => Array.from(list.querySelectorAll('#job-rows .job-select'));

  // The selection and the boxes agree; the count and the buttons follow.
  function sync() {
    const present = new Set(boxes().map((box) => box.value));
    Array.from(selected).filter((id) => !present.has(id)).forEach((id) => selected.delete(id));
    boxes().forEach((box) => { box.checked = selected.has(box.value); });
    document.getElementById('bulk-count').textContent = selected.size + ' selected';
    form.querySelectorAll('.bulk-button').forEach((button) => { button.disabled = selected.size === 0; });
    const all = document.getElementById('select-all');
    if (all) {
      all.checked = present.size > 0 && selected.size === present.size;
    }
  }

  // rows replaced, added or removed; the whole list swapped by a search or another page
  // (elements only: the ticking clocks change text every second)
  new MutationObserver((mutations) => {
    if (mutations.some((m) => [...m.addedNodes, ...m.removedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE))) {
      sync();
    }
  }).observe(list, { childList: true, subtree: true });
  list.addEventListener('change', (event) => {
    const box = event.target;
    if (box.id === 'select-all') {
      boxes().forEach((each) => (box.checked ? selected.add(each.value) : selected.delete(each.value)));
    } else if (box.classList.contains('job-select')) {
      if (box.checked) {
        selected.add(box.value);
      } else {
        selected.delete(box.value);
      }
    } else {
      return;
    }
    sync();
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
      form.setAttribute('hx-confirm', action.charAt(0).toUpperCase() + action.slice(1) + ' ' + selected.size
        + ' selected job' + (selected.size === 1 ? '' : 's') + '?' + (action === 'delete' ? ' This cannot be undone.' : ''));
      form.dataset.confirmButton = action.charAt(0).toUpperCase() + action.slice(1);
    });
  });

  sync();
})();
