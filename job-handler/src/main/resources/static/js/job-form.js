/*
 * New-job form: env and label rows can be added and removed (rows are renumbered so the
 * server binds them as env[0], env[1], ...), and the UTC start time is shown in the
 * browser's local time as it is typed.
 */
(function () {
  'use strict';

  function renumber(container) {
    const list = container.dataset.list;
    container.querySelectorAll('.kv-row').forEach((row, index) => {
      row.querySelectorAll('input').forEach((input) => {
        const field = input.dataset.field || (input.classList.contains('kv-name') ? 'name' : 'value');
        input.dataset.field = field;
        input.name = list + '[' + index + '].' + field;
        input.id = list + index + '.' + field;
      });
    });
  }

  document.addEventListener('click', (event) => {
    const add = event.target.closest('.add-row');
    if (add) {
      const container = document.getElementById(add.dataset.rows);
      const template = document.getElementById(add.dataset.template);
      const row = template.content.firstElementChild.cloneNode(true);
      container.appendChild(row);
      renumber(container);
      row.querySelector('input').focus();
      return;
    }
    const remove = event.target.closest('.remove-row');
    if (remove) {
      const row = remove.closest('.kv-row');
      const container = row.parentElement;
      row.remove();
      renumber(container);
    }
  });

  document.querySelectorAll('.kv-rows').forEach(renumber);

  const startAt = document.getElementById('startAt');
  const local = document.getElementById('start-at-local');

  function showLocal() {
    if (!startAt || !local) {
      return;
    }
    const value = startAt.value;
    if (!value) {
      local.textContent = '';
      return;
    }
    const date = new Date(value + (value.length === 16 ? ':00' : '') + 'Z');
    if (Number.isNaN(date.getTime())) {
      local.textContent = '';
      return;
    }
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
    local.textContent = 'That is ' + date.toLocaleString(undefined, {
      weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'
    }) + ' in your time zone (' + zone + ').';
  }

  if (startAt) {
    startAt.addEventListener('input', showLocal);
    startAt.addEventListener('change', showLocal);
    showLocal();
  }
  // a dry run takes up to about 15 s: say so while the page waits
  const form = document.getElementById('job-form');
  if (form) {
    form.addEventListener('submit', (event) => {
      if (event.submitter && event.submitter.id === 'try-job') {
        event.submitter.textContent = 'Trying… (up to 15 s)';
      }
    });
  }

  // the Generator card: own image or built-in generator, the settings of the chosen kind,
  // and Preview, which posts the form and shows the returned fragment (escaped by the server)
  const settings = document.getElementById('generator-settings');
  const imageColumn = document.getElementById('image-column');
  const kind = document.getElementById('generator.kind');

  function showGenerator() {
    if (!settings) {
      return;
    }
    const builtin = document.getElementById('source-builtin').checked;
    settings.classList.toggle('d-none', !builtin);
    if (imageColumn) {
      imageColumn.classList.toggle('d-none', builtin);
    }
    settings.querySelectorAll('.generator-kind').forEach((part) => {
      part.classList.toggle('d-none', part.dataset.kind !== kind.value);
    });
  }

  function clearGeneratorErrors() {
    settings.querySelectorAll('.is-invalid').forEach((input) => input.classList.remove('is-invalid'));
    settings.querySelectorAll('.preview-feedback').forEach((feedback) => feedback.remove());
  }

  function showGeneratorErrors(target) {
    target.querySelectorAll('.preview-problem').forEach((problem) => {
      const input = document.getElementById(problem.dataset.field);
      if (!input || !settings.contains(input)) {
        return;
      }
      input.classList.add('is-invalid');
      const server = document.getElementById(problem.dataset.field + '-error');
      if (server) {
        server.remove();
      }
      const feedback = document.createElement('div');
      feedback.className = 'invalid-feedback preview-feedback';
      feedback.id = problem.dataset.field + '-error';
      feedback.textContent = problem.querySelector('.preview-problem-message').textContent;
      input.insertAdjacentElement('afterend', feedback);
    });
  }

  if (settings) {
    document.querySelectorAll('input[name="source"]').forEach((radio) => radio.addEventListener('change', showGenerator));
    kind.addEventListener('change', showGenerator);
    showGenerator();
    const preview = document.getElementById('preview-generator');
    const target = document.getElementById('generator-preview');
    preview.addEventListener('click', () => {
      preview.disabled = true;
      target.setAttribute('aria-busy', 'true');
      fetch(preview.dataset.url, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
        .then((response) => {
          if (!response.ok) {
            throw new Error('HTTP ' + response.status);
          }
          return response.text();
        })
        .then((html) => {
          clearGeneratorErrors();
          target.innerHTML = html;
          showGeneratorErrors(target);
        })
        .catch((error) => {
          target.textContent = 'No preview: ' + error.message;
        })
        .finally(() => {
          preview.disabled = false;
          target.removeAttribute('aria-busy');
        });
    });
  }
})();
