/*
 * Job page, throughput card: the run's series from /jobs/{id}/throughput in a Chart.js
 * line chart, then one point per live message (/topic/throughput/{id}), after which the
 * figures above the chart are fetched again. A message of another run reloads the series.
 * Numbers only: nothing here is inserted as HTML.
 */
(function () {
  'use strict';

  const card = document.getElementById('throughput');
  const canvas = document.getElementById('throughput-chart');
  if (!card || !canvas || typeof Chart === 'undefined') {
    return;
  }
  const jobId = document.body.dataset.jobId;
  const MAX_POINTS = 300;
  const target = card.dataset.targetRate ? Number(card.dataset.targetRate) : null;
  let run = Number(card.dataset.run) || 0;

  const pad = (n) => String(n).padStart(2, '0');
  const label = (iso) => {
    const d = new Date(iso);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  };
  const rate = (value) => (value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')) + '/s';

  const datasets = [{
    label: 'records/s',
    data: [],
    borderColor: '#0d6efd',
    backgroundColor: 'rgba(13, 110, 253, .12)',
    fill: true,
    pointRadius: 0,
    tension: 0.2
  }];
  if (target !== null) {
    datasets.push({
      label: 'target',
      data: [],
      borderColor: '#6c757d',
      borderDash: [6, 4],
      pointRadius: 0,
      fill: false
    });
  }
  const chart = new Chart(canvas, {
    type: 'line',
    data: { labels: [], datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: 'records/s' } } },
      plugins: { legend: { display: target !== null } }
    }
  });
  card.dataset.points = '0';

  function push(point) {
    chart.data.labels.push(label(point.at));
    chart.data.datasets[0].data.push(point.recordsPerSecond);
    if (target !== null) {
      chart.data.datasets[1].data.push(target);
    }
    while (chart.data.labels.length > MAX_POINTS) {
      chart.data.labels.shift();
      chart.data.datasets.forEach((dataset) => dataset.data.shift());
    }
  }

  const bytes = (value) => {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let v = value;
    let unit = 0;
    while (v >= 1024 && unit < units.length - 1) {
      v /= 1024;
      unit++;
    }
    return (unit === 0 ? Math.round(v) : v.toFixed(1)) + ' ' + units[unit] + '/s';
  };
  const text = (selector, value) => {
    const element = card.querySelector(selector);
    if (element) {
      element.textContent = value;
    }
  };

  /** The figures above the chart, from the server's view of the run. */
  function show(view) {
    text('#rate-now .rate-records', view.recordsPerSecond === null ? '—'
      : rate(view.recordsPerSecond).replace('/s', ' records/s'));
    text('#rate-now .rate-bytes', view.bytesPerSecond === null ? '' : '· ' + bytes(view.bytesPerSecond));
    if (view.deviationPercent !== null) {
      text('.rate-deviation', (view.deviationPercent > 0 ? '+' : '') + view.deviationPercent + ' %');
    }
    if (view.averagePerSecond !== null && view.peakPerSecond !== null) {
      text('#rate-average-peak', rate(view.averagePerSecond) + ' · ' + rate(view.peakPerSecond));
    }
  }

  function render() {
    chart.update();
    card.dataset.points = String(chart.data.labels.length);
    document.getElementById('throughput-empty').classList.toggle('d-none', chart.data.labels.length > 0);
  }

  function load() {
    Dcf.json('/jobs/' + encodeURIComponent(jobId) + '/throughput').then((view) => {
      if (!view) {
        return;
      }
      run = view.runNumber;
      chart.data.labels = [];
      chart.data.datasets.forEach((dataset) => { dataset.data = []; });
      view.points.forEach(push);
      render();
      show(view);
    }).catch((error) => console.warn(error));
  }

  const refreshFigures = Dcf.throttle(() => {
    Dcf.json('/jobs/' + encodeURIComponent(jobId) + '/throughput').then((view) => {
      if (view) {
        show(view);
      }
    }).catch((error) => console.warn(error));
  }, 1000);

  function add(message) {
    if (!message || message.jobId !== jobId) {
      return;
    }
    if (message.runNumber !== undefined && message.runNumber !== run) {
      load();
      return;
    }
    push(message);
    render();
    refreshFigures();
  }

  window.DcfThroughput = { load, add };
})();
