/*
 * Job detail page: on every message about this job, and on heartbeats of its agent (its
 * containers may have changed), the live part of the page fetches itself again (htmx,
 * templates/jobs/detail.html: the throughput card stays, hx-preserve), at most every 300 ms
 * (2 s for heartbeats) and once more after the last message. Throughput points go to the
 * chart (job-throughput.js). A 404 marks the page deleted.
 */
(function () {
  'use strict';

  const jobId = document.body.dataset.jobId;
  let deleted = false;

  function refresh() {
    const live = document.getElementById('live');
    if (!deleted && live) {
      Dcf.refresh(live);
    }
  }

  function markDeleted() {
    deleted = true;
    document.getElementById('job-deleted').classList.remove('d-none');
    document.querySelectorAll('#live .actions button').forEach((button) => { button.disabled = true; });
  }

  // The live part or the records answered 404: the job is gone.
  document.body.addEventListener('htmx:responseError', (event) => {
    const source = event.detail.elt;
    if (event.detail.xhr.status === 404 && (source.id === 'live' || source.id === 'records-refresh')) {
      markDeleted();
    }
  });

  const refreshSoon = Dcf.throttle(refresh, 300);
  const refreshForAgent = Dcf.throttle(refresh, 2000);

  if (window.DcfThroughput) {
    window.DcfThroughput.load();
  }

  Dcf.live([
    {
      topic: '/topic/jobs/' + jobId,
      handler: (message) => (message.type === 'deleted' ? markDeleted() : refreshSoon())
    },
    {
      topic: '/topic/throughput/' + jobId,
      handler: (message) => window.DcfThroughput && window.DcfThroughput.add(message)
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
