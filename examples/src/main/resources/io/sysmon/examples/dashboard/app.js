/*
 * sysmon dashboard: polls the JSON API every 2 s (never two polls at once, none while the tab is hidden) and
 * draws one uPlot chart per measure with a line per device.
 *
 * For tests, after every draw each chart's element carries data-devices="a,b" and data-points="a=60,b=58" (the
 * non-null points drawn per device); alert rows carry data-alert-device and data-alert-state; <body> carries
 * data-renders; window.sysmonDashboard holds the same figures.
 */
(function () {
  'use strict';

  const WINDOW_MS = { '5m': 3e5, '15m': 9e5, '1h': 36e5, '6h': 216e5, '24h': 864e5, '7d': 6048e5 };
  const WINDOWS = Object.keys(WINDOW_MS);
  const POLL_MS = 2000;
  const PLOT_HEIGHT = 190;
  /* Distinct for the common colour-vision deficiencies; a device keeps its colour in every chart. */
  const PALETTE = ['#2563eb', '#e8590c', '#0f9d58', '#c2255c', '#7048e8', '#0b7285', '#a0700b', '#495057'];
  const AXIS_STROKE = '#5c6370';
  const GRID_STROKE = 'rgba(0,0,0,0.07)';

  const $ = (id) => document.getElementById(id);
  const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const timeFormat = { hour: '2-digit', minute: '2-digit', second: '2-digit' };

  const stats = (window.sysmonDashboard = {
    renders: 0, points: {}, devices: [], alerts: { firing: 0, resolved: 0 }, lastError: null,
  });

  const state = {
    window: '1h',
    hidden: new Set(),      // devices switched off; new devices show up switched on
    devices: [],            // every known device, sorted: the basis of the colours
    measures: null,         // from /api/measures
    charts: [],
    clockOffsetMs: 0,       // server clock minus this browser's
    busy: false,
    again: false,
    timer: null,
  };

  /* ---- state in the URL hash: #window=1h&hide=dev_a,dev_b ---- */

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    const w = params.get('window');
    if (WINDOWS.includes(w)) {
      state.window = w;
    }
    state.hidden = new Set((params.get('hide') || '').split(',').filter(Boolean));
  }

  function writeHash() {
    let hash = 'window=' + state.window;
    if (state.hidden.size > 0) {
      hash += '&hide=' + [...state.hidden].sort().map(encodeURIComponent).join(',');
    }
    history.replaceState(null, '', '#' + hash);
  }

  /* ---- helpers ---- */

  async function getJson(path) {
    const response = await fetch(path, { cache: 'no-store' });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && body.error) || response.status + ' ' + response.statusText);
    }
    return body;
  }

  function colour(device) {
    const i = state.devices.indexOf(device);
    return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text != null) {
      e.textContent = text;
    }
    return e;
  }

  function swatch(device) {
    const s = el('span', 'swatch');
    s.style.background = colour(device);
    return s;
  }

  function serverNow() {
    return Date.now() + state.clockOffsetMs;
  }

  function formatValue(v, unit) {
    return numberFormat.format(v) + (unit === '%' ? ' %' : ' ' + unit);
  }

  function formatTime(ms) {
    const d = new Date(ms);
    const time = d.toLocaleTimeString([], timeFormat);
    const today = new Date(serverNow()).toDateString() === d.toDateString();
    return today ? time : d.toLocaleDateString([], { month: 'short', day: 'numeric' }) + ' ' + time;
  }

  function formatDuration(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) {
      return s + ' s';
    }
    if (s < 3600) {
      return Math.floor(s / 60) + ' min';
    }
    if (s < 86400) {
      const m = Math.floor((s % 3600) / 60);
      return Math.floor(s / 3600) + ' h' + (m ? ' ' + m + ' min' : '');
    }
    return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
  }

  function selectedDevices() {
    return state.devices.filter((d) => !state.hidden.has(d));
  }

  /* ---- charts ---- */

  function buildCharts() {
    const container = $('charts');
    container.textContent = '';
    state.charts = state.measures.filter((m) => m.chart).map((measure) => {
      const figure = el('figure', 'chart');
      figure.dataset.measure = measure.measure;
      const caption = el('figcaption');
      caption.append(el('span', 'chart-title', measure.label), el('span', 'chart-unit', measure.unit));
      const plotEl = el('div', 'plot');
      const empty = el('div', 'chart-empty', 'No data in this window');
      figure.append(caption, plotEl, empty);
      container.append(figure);
      const chart = { measure, figure, plotEl, plot: null, key: null, fromS: 0, toS: 1 };
      new ResizeObserver(() => {
        if (chart.plot && plotEl.clientWidth > 0 && plotEl.clientWidth !== chart.plot.width) {
          chart.plot.setSize({ width: plotEl.clientWidth, height: PLOT_HEIGHT });
        }
      }).observe(plotEl);
      return chart;
    });
  }

  /* Joins per-device series on their timestamps. A missing point is undefined (the line goes on through it); a
     null from the API is a gap (the device sent nothing), and uPlot breaks the line there. */
  function align(devices, series) {
    const times = new Set();
    devices.forEach((d) => series[d].forEach((p) => times.add(p[0])));
    const xs = [...times].sort((a, b) => a - b);
    const index = new Map(xs.map((x, i) => [x, i]));
    const ys = devices.map((d) => {
      const y = new Array(xs.length).fill(undefined);
      series[d].forEach((p) => { y[index.get(p[0])] = p[1]; });
      widenGaps(y);
      return y;
    });
    return [xs.map((x) => x / 1000), ...ys];
  }

  /* uPlot clips a gap between the null's neighbours in the joined x values, which may be another device's
     points a second away: stretch each null to this device's own previous and next points. */
  function widenGaps(y) {
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== null) {
        continue;
      }
      for (let j = i - 1; j >= 0 && y[j] === undefined; j--) {
        y[j] = null;
      }
      while (i + 1 < y.length && (y[i + 1] === undefined || y[i + 1] === null)) {
        y[++i] = null;
      }
    }
  }

  function lastValue(values) {
    for (let i = values.length - 1; i >= 0; i--) {
      if (values[i] != null) {
        return values[i];
      }
    }
    return null;
  }

  function plotOptions(chart, devices) {
    const unit = chart.measure.unit;
    const percent = unit === '%';
    return {
      width: Math.max(chart.plotEl.clientWidth, 200),
      height: PLOT_HEIGHT,
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      legend: { live: true, markers: { fill: (u, si) => (si === 0 ? null : colour(devices[si - 1])) } },
      scales: {
        x: { time: true, range: () => [chart.fromS, chart.toS] },
        y: percent ? { range: (u, min, max) => [0, Math.max(100, max || 0)] } : {},
      },
      axes: [
        { stroke: AXIS_STROKE, grid: { stroke: GRID_STROKE }, ticks: { stroke: GRID_STROKE } },
        {
          stroke: AXIS_STROKE,
          grid: { stroke: GRID_STROKE },
          ticks: { stroke: GRID_STROKE },
          values: (u, splits) => splits.map((v) => formatValue(v, unit)),
          size: (u, values) => 18 + 7 * Math.max(4, ...(values || []).map((v) => v.length)),
        },
      ],
      series: [
        { label: 'Time', value: (u, ts, si, idx) => (idx == null ? 'latest' : formatTime(ts * 1000)) },
        ...devices.map((device) => ({
          label: device,
          stroke: colour(device),
          width: 2,
          spanGaps: false,
          // Off the chart the legend shows each device's latest value; over it, the value under the cursor.
          value: (u, v, si, idx) => {
            const shown = idx == null ? lastValue(u.data[si]) : v;
            return shown == null ? '–' : formatValue(shown, unit);
          },
        })),
      ],
      hooks: { draw: [(u) => recordDraw(chart, u)] },
    };
  }

  /* What the chart drew, as data attributes for tests and for anyone inspecting the page. */
  function recordDraw(chart, u) {
    const counts = {};
    const [min, max] = [u.scales.x.min, u.scales.x.max];
    u.series.forEach((s, i) => {
      if (i === 0 || !s.show) {
        return;
      }
      let n = 0;
      const xs = u.data[0];
      const ys = u.data[i];
      for (let j = 0; j < ys.length; j++) {
        if (ys[j] != null && xs[j] >= min && xs[j] <= max) {
          n++;
        }
      }
      counts[s.label] = n;
    });
    const figure = chart.figure;
    figure.dataset.devices = Object.keys(counts).join(',');
    figure.dataset.points = Object.entries(counts).map(([d, n]) => d + '=' + n).join(',');
    figure.dataset.draws = String((Number(figure.dataset.draws) || 0) + 1);
    stats.points[chart.measure.measure] = counts;
  }

  function renderChart(chart, response) {
    const devices = Object.keys(response.series).sort();
    chart.fromS = response.from / 1000;
    chart.toS = response.to / 1000;
    const data = devices.length > 0 ? align(devices, response.series) : [[]];
    const key = devices.map((d) => d + ':' + colour(d)).join(',');
    chart.figure.classList.toggle('is-empty', devices.length === 0);
    if (chart.plot && chart.key === key) {
      chart.plot.setData(data);
    } else {
      if (chart.plot) {
        chart.plot.destroy();
      }
      chart.plot = new uPlot(plotOptions(chart, devices), data, chart.plotEl);
      chart.key = key;
    }
  }

  /* ---- device filter and shadows ---- */

  function renderFilter() {
    const box = $('device-filter');
    const known = new Set();
    box.querySelectorAll('input').forEach((input) => known.add(input.value));
    state.devices.forEach((device) => {
      if (known.has(device)) {
        return;
      }
      const label = el('label', 'device-toggle');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = device;
      input.addEventListener('change', () => {
        if (input.checked) {
          state.hidden.delete(device);
        } else {
          state.hidden.add(device);
        }
        writeHash();
        tick();
      });
      label.append(input, swatch(device), document.createTextNode(device));
      box.append(label);
    });
    box.querySelectorAll('label').forEach((label) => {
      const input = label.querySelector('input');
      input.checked = !state.hidden.has(input.value);
      label.querySelector('.swatch').style.background = colour(input.value);
    });
  }

  function renderShadows(devices) {
    const box = $('shadows');
    box.classList.toggle('is-empty', devices.length === 0);
    const byName = new Map(devices.map((d) => [d.device, d]));
    box.querySelectorAll('details').forEach((details) => {
      if (!byName.has(details.dataset.device)) {
        details.remove();
      }
    });
    devices.forEach((device) => {
      let details = box.querySelector('details[data-device="' + CSS.escape(device.device) + '"]');
      if (!details) {
        details = el('details', 'shadow');
        details.dataset.device = device.device;
        details.open = true;
        const summary = el('summary');
        summary.append(swatch(device.device), el('span', 'shadow-name', device.device), el('span', 'seen'));
        details.append(summary, el('pre', 'shadow-json'));
        box.append(details);
      }
      details.hidden = state.hidden.has(device.device);
      details.querySelector('.swatch').style.background = colour(device.device);
      const seen = details.querySelector('.seen');
      if (device.lastSeen) {
        const ago = serverNow() - Date.parse(device.lastSeen);
        seen.textContent = 'last seen ' + formatDuration(ago) + ' ago';
        seen.classList.toggle('stale', ago > 60000);
        seen.title = formatTime(Date.parse(device.lastSeen));
      } else {
        seen.textContent = 'never seen';
      }
      const text = device.shadow == null ? 'no shadow document' : JSON.stringify(device.shadow, null, 2);
      const pre = details.querySelector('pre');
      if (pre.textContent !== text) {
        pre.textContent = text;
      }
    });
  }

  /* ---- alerts ---- */

  function renderAlerts(alerts) {
    const list = $('alerts');
    list.textContent = '';
    // The API sends them newest first, and filter keeps that order within each group.
    const firing = alerts.filter((a) => a.firing);
    const resolved = alerts.filter((a) => !a.firing);
    [...firing, ...resolved].forEach((alert) => {
      const item = el('li', 'alert ' + (alert.firing ? 'firing' : 'resolved'));
      item.dataset.alertDevice = alert.device;
      item.dataset.alertRule = alert.rule;
      item.dataset.alertState = alert.firing ? 'firing' : 'resolved';
      const head = el('div', 'alert-head');
      const device = el('span', 'alert-device');
      device.append(swatch(alert.device), document.createTextNode(alert.device));
      const fired = Date.parse(alert.firedAt);
      const when = alert.firing
        ? 'since ' + formatTime(fired) + ' · ' + formatDuration(serverNow() - fired)
        : formatTime(fired) + ' → ' + formatTime(Date.parse(alert.resolvedAt))
          + ' · ' + formatDuration(Date.parse(alert.resolvedAt) - fired);
      const time = el('time', 'alert-time', when);
      time.dateTime = alert.firedAt;
      head.append(el('span', 'badge', alert.firing ? 'firing' : 'resolved'), device, time);
      item.append(head, el('div', 'alert-message', alert.message));
      item.title = 'rule ' + alert.rule;
      list.append(item);
    });
    if (alerts.length === 0) {
      list.append(el('li', 'alert none', 'No alerts'));
    }
    list.dataset.firing = String(firing.length);
    list.dataset.resolved = String(resolved.length);
    stats.alerts = { firing: firing.length, resolved: resolved.length };
    $('alerts-window').textContent = 'last ' + $('window').selectedOptions[0].textContent;
  }

  /* ---- polling ---- */

  async function refresh() {
    if (!state.measures) {
      state.measures = await getJson('/api/measures');
      buildCharts();
    }
    const devices = await getJson('/api/devices');
    state.devices = devices.map((d) => d.device).sort();
    stats.devices = state.devices;
    renderFilter();

    const selected = selectedDevices();
    const query = '&window=' + state.window + '&points=' + Math.min(2000, Math.max(120, Math.round(window.innerWidth / 2)))
      + (state.hidden.size > 0 ? '&devices=' + selected.map(encodeURIComponent).join(',') : '');
    const [alerts, ...series] = await Promise.all([
      getJson('/api/alerts?window=' + state.window),
      ...state.charts.map((chart) => (selected.length === 0
        ? Promise.resolve(null)
        : getJson('/api/series?measure=' + chart.measure.measure + query))),
    ]);
    series.forEach((response, i) => {
      if (response) {
        state.clockOffsetMs = response.to - Date.now();
      }
      const now = serverNow();
      renderChart(state.charts[i], response || { from: now - WINDOW_MS[state.window], to: now, series: {} });
    });
    renderShadows(devices);
    renderAlerts(alerts);

    stats.renders++;
    stats.lastError = null;
    document.body.dataset.renders = String(stats.renders);
    const status = $('status');
    status.classList.remove('error');
    status.textContent = 'updated ' + new Date().toLocaleTimeString([], timeFormat);
  }

  async function tick() {
    clearTimeout(state.timer);
    state.timer = null;
    if (state.busy) {
      state.again = true; // one more right after the poll in flight, never two at once
      return;
    }
    if (document.hidden) {
      return; // visibilitychange starts it again
    }
    state.busy = true;
    try {
      await refresh();
    } catch (e) {
      stats.lastError = String(e.message || e);
      const status = $('status');
      status.classList.add('error');
      status.textContent = 'cannot update: ' + stats.lastError + ' (retrying)';
    } finally {
      state.busy = false;
    }
    if (state.again) {
      state.again = false;
      tick();
    } else if (!document.hidden) {
      state.timer = setTimeout(tick, POLL_MS);
    }
  }

  /* ---- start ---- */

  readHash();
  writeHash();
  const select = $('window');
  select.value = state.window;
  select.addEventListener('change', () => {
    state.window = select.value;
    writeHash();
    tick();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      clearTimeout(state.timer);
      state.timer = null;
    } else {
      tick();
    }
  });
  tick();
}());
