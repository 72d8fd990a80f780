/*
 * The job page's logs card (fragments/logs.html): each container's kept output opens at its
 * end, where a failing generator says why, also after the live part of the page (which holds
 * the card) was fetched again.
 */
(() => {
  'use strict';

  function toTheEnd(root) {
    root.querySelectorAll('#container-logs .container-log-lines').forEach((pre) => {
      if (!pre.dataset.scrolled) {
        pre.scrollTop = pre.scrollHeight;
        pre.dataset.scrolled = 'true';
      }
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    toTheEnd(document);
    const live = document.getElementById('live');
    if (live && live.parentElement) {
      // job-detail.js replaces #live with a fresh copy: scroll the new card's blocks too
      new MutationObserver(() => toTheEnd(document)).observe(live.parentElement, { childList: true });
    }
  });
})();
