/*
 * Job detail page: on every message about this job, and on heartbeats of its agent (its
 * containers may have changed), the live part of the page is fetched again.
 */
(function () {
  'use strict';

  const jobId = document.body.dataset.jobId;
  let deleted = false;

  function refresh() {
    if (deleted) {
      return;
    }
    Dcf.fragment('/jobs/' + encodeURIComponent(jobId) + '/live').then((fresh) => {
      if (fresh === undefined) {
        return;
      }
      if (fresh === null) {
        markDeleted();
        return;
      }
      const current = document.getElementById('live');
      fresh.dataset.updatedAt = String(Date.now());
      current.replaceWith(fresh);
      Dcf.enhance(fresh);
    }).catch((error) => console.warn(error));
  }

  function markDeleted() {
    deleted = true;
    document.getElementById('job-deleted').classList.remove('d-none');
    document.querySelectorAll('#live .actions button').forEach((button) => { button.disabled = true; });
  }

  // "Refresh" of the latest records: the card alone, not the whole page
  document.addEventListener('click', (event) => {
    const button = event.target.closest('#records-refresh');
    if (!button) {
      return;
    }
    event.preventDefault();
    button.classList.add('disabled');
    Dcf.fragment('/jobs/' + encodeURIComponent(jobId) + '/records').then((fresh) => {
      if (fresh === null) {
        markDeleted();
      }
      else if (fresh !== undefined) {
        fresh.dataset.updatedAt = String(Date.now());
        document.getElementById('records').replaceWith(fresh);
        Dcf.enhance(fresh);
      }
    }).catch((error) => console.warn(error)).finally(() => button.classList.remove('disabled'));
  });

  const refreshSoon = Dcf.throttle(refresh, 300);
  const refreshForAgent = Dcf.throttle(refresh, 2000);

  Dcf.live([
    {
      topic: '/topic/jobs/' + jobId,
      handler: (message) => (message.type === 'deleted' ? markDeleted() : refreshSoon())
    },
    {
      topic: '/topic/agents',
      handler: (message) => {
        const live = document.getElementById('live');
        if (live && message.agentId && live.dataset.agentId === message.agentId) {
          refreshForAgent();
        }
      }
    }
  ], refresh, () => {
    // it may have moved on by itself while the page loaded
    const live = document.getElementById('live');
    if (live && ['SCHEDULED', 'DEPLOYING', 'STOPPING'].includes(live.dataset.state)) {
      refresh();
    }
  });
})();
