/*
 * Job page, container stats card: every stats message of the job (/topic/stats/{id}, one
 * per heartbeat that carried its containers' samples) has the card fetch itself again
 * (htmx, templates/fragments/stats.html), at most every 500 ms and once more after the
 * last message. The agents page needs nothing here: its cards are fetched with every
 * heartbeat anyway.
 */
(function () {
  'use strict';

  const card = document.getElementById('stats');
  if (!card || !window.Dcf) {
    return;
  }
  const jobId = card.dataset.jobId;

  function refresh() {
    const current = document.getElementById('stats');
    if (current) {
      Dcf.refresh(current);
    }
  }

  Dcf.live([{ topic: '/topic/stats/' + jobId, handler: Dcf.throttle(refresh, 500) }], refresh, refresh);
})();
