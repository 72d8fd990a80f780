// The form's recurring schedule: after typing, the next three start times from the server
// (POST /jobs/schedule-preview, the same checks as on submit), shown under the fields.
(() => {
  const box = document.getElementById('schedule-preview');
  if (!box) {
    return;
  }
  const form = box.closest('form');
  let timer = null;
  const refresh = () => {
    fetch(box.dataset.url, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
      .then((response) => {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then((html) => {
        box.innerHTML = html;
      })
      .catch((error) => {
        box.textContent = 'No preview: ' + error.message;
      });
  };
  ['schedule.cron', 'schedule.timeZone', 'schedule.overlap'].forEach((id) => {
    const input = document.getElementById(id);
    if (input) {
      input.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(refresh, 400);
      });
    }
  });
})();
