// Overview: the pipeline's own metrics (GET /api/metrics, this handler process) as small SVG charts drawn here, no
// third-party code. The same numbers Application Insights gets; docs/operations.md explains each one.
'use strict';

(() => {
  const REFRESH_MS = 5000;
  const KEY_STORAGE = 'touchpoint.console.functionKey';
  const SVG = 'http://www.w3.org/2000/svg';
  const CHANNELS = { clickstream: 'Web (clickstream)', calls: 'Calls', chats: 'Chats' };
  const apiBase = new URL('../', location.href);
  const $ = (id) => document.getElementById(id);
  let key = null;

  function takeKey() {
    const url = new URL(location.href);
    const fromUrl = url.searchParams.get('code');
    if (fromUrl) {
      url.searchParams.delete('code');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
      try { sessionStorage.setItem(KEY_STORAGE, fromUrl); } catch { /* storage unavailable: keep it for this page */ }
      return fromUrl;
    }
    try { return sessionStorage.getItem(KEY_STORAGE); } catch { return null; }
  }

  async function loadMetrics() {
    const headers = { Accept: 'application/json' };
    if (key) { headers['x-functions-key'] = key; }
    const response = await fetch(new URL('metrics', apiBase), { headers, cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error(response.status === 401 || response.status === 403
        ? 'The function key is missing or wrong (HTTP ' + response.status + '). Open the page with ?code=<function key>.'
        : 'The metrics could not be read (HTTP ' + response.status + ').');
    }
    return response.json();
  }

  // ---- metric helpers ----
  const counters = (m, name) => m.counters.filter((c) => c.name === name);
  const total = (m, name, tag, value) => counters(m, name)
    .filter((c) => !tag || c.tags[tag] === value)
    .reduce((sum, c) => sum + c.value, 0);
  function byTag(m, name, tag) {
    const out = new Map();
    for (const c of counters(m, name)) {
      const k = c.tags[tag] || '(none)';
      out.set(k, (out.get(k) || 0) + c.value);
    }
    return out;
  }
  const fmt = (n) => Math.round(n).toLocaleString('en');

  // ---- SVG helpers ----
  function svg(width, height, label) {
    const s = document.createElementNS(SVG, 'svg');
    s.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    s.setAttribute('role', 'img');
    s.setAttribute('aria-label', label);
    return s;
  }
  function add(parent, tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) { e.setAttribute(k, String(v)); }
    if (text !== undefined) { e.textContent = text; }
    parent.appendChild(e);
    return e;
  }
  function niceMax(v) {
    if (v <= 0) { return 1; }
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    return [1, 2, 2.5, 5, 10].map((f) => f * p).find((x) => x >= v);
  }
  function empty(container, width, height, label, text) {
    const s = svg(width, height, label + ': ' + text);
    add(s, 'text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'empty' }, text);
    container.replaceChildren(s);
  }

  // Lines of events/minute per hub from the ten-second buckets of touchpoint.events.received.
  function drawRate(m) {
    const container = $('rate-chart');
    const W = 720, H = 220, L = 48, R = 10, T = 10, B = 26;
    const perHub = new Map();
    for (const c of counters(m, 'touchpoint.events.received')) {
      const hub = c.tags.hub || '(none)';
      const values = perHub.get(hub) || new Array(c.recent.length).fill(0);
      c.recent.forEach((v, i) => { values[i] += v * (60 / m.bucketSeconds); });
      perHub.set(hub, values);
    }
    const hubs = [...perHub.keys()].sort();
    const legend = $('rate-legend');
    legend.replaceChildren(...hubs.map((hub, i) => {
      const li = document.createElement('li');
      const sw = document.createElement('span');
      sw.className = 'swatch series-' + (i % 4);
      const count = total(m, 'touchpoint.events.received', 'hub', hub);
      li.append(sw, (CHANNELS[hub] || hub) + ': ' + fmt(count) + (count === 1 ? ' event' : ' events'));
      return li;
    }));
    if (hubs.length === 0) { empty(container, W, H, 'Events per minute by channel', 'No events received yet'); return; }
    const n = perHub.get(hubs[0]).length;
    const max = niceMax(Math.max(...hubs.flatMap((h) => perHub.get(h))));
    const x = (i) => L + (i * (W - L - R)) / (n - 1);
    const y = (v) => T + (H - T - B) * (1 - v / max);
    const peak = hubs.map((h) => (CHANNELS[h] || h) + ' peak ' + fmt(Math.max(...perHub.get(h))) + '/min').join(', ');
    const s = svg(W, H, 'Events per minute by channel over the last 15 minutes: ' + peak);
    for (let k = 0; k <= 4; k++) {
      const v = (max * k) / 4;
      add(s, 'line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: k === 0 ? 'axis' : 'grid' });
      add(s, 'text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmt(v));
    }
    [[0, '-15 min'], [Math.round((n - 1) / 3), '-10 min'], [Math.round((2 * (n - 1)) / 3), '-5 min'], [n - 1, 'now']].forEach(([i, t]) =>
      add(s, 'text', { x: x(i), y: H - 8, 'text-anchor': i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle' }, t));
    hubs.forEach((hub, h) => {
      const points = perHub.get(hub).map((v, i) => x(i).toFixed(1) + ',' + y(v).toFixed(1)).join(' ');
      add(s, 'polyline', { points, class: 'line series-' + (h % 4), 'data-hub': hub });
    });
    container.replaceChildren(s);
  }

  // Horizontal bars: [{label, value, cls}].
  function drawBars(container, rows, label, emptyText, unit) {
    const W = 360, row = 26, L = 150, R = 60;
    const H = Math.max(row * rows.length + 8, 60);
    if (rows.length === 0) { empty(container, W, 60, label, emptyText); return; }
    const max = niceMax(Math.max(...rows.map((r) => r.value)));
    const s = svg(W, H, label + ': ' + rows.map((r) => r.label + ' ' + fmt(r.value) + (unit || '')).join(', '));
    rows.forEach((r, i) => {
      const yy = 4 + i * row;
      add(s, 'text', { x: L - 6, y: yy + 15, 'text-anchor': 'end' }, r.label.length > 22 ? r.label.slice(0, 21) + '…' : r.label);
      const w = Math.max(1, ((W - L - R) * r.value) / max);
      add(s, 'rect', { x: L, y: yy + 3, width: w.toFixed(1), height: row - 8, class: 'bar ' + (r.cls || ''), 'data-label': r.label, 'data-value': r.value });
      add(s, 'text', { x: L + w + 4, y: yy + 15, class: 'value' }, fmt(r.value) + (unit || ''));
    });
    container.replaceChildren(s);
  }

  // Grouped bars per rule: p50/p95/p99 of touchpoint.alert.latency, in milliseconds.
  function drawLatency(m) {
    const container = $('latency-chart');
    const rows = m.histograms.filter((h) => h.name === 'touchpoint.alert.latency' && h.count > 0)
      .sort((a, b) => (a.tags.rule || '').localeCompare(b.tags.rule || ''));
    const W = 720, L = 190, R = 70, group = 42;
    if (rows.length === 0) { empty(container, W, 60, 'Alert latency', 'No streaming alerts yet'); return; }
    const H = rows.length * group + 8;
    const max = niceMax(Math.max(...rows.map((h) => h.p99 * 1000)));
    const s = svg(W, H, 'Alert latency by rule in milliseconds: ' + rows.map((h) =>
      h.tags.rule + ' p50 ' + fmt(h.p50 * 1000) + ', p95 ' + fmt(h.p95 * 1000) + ', p99 ' + fmt(h.p99 * 1000) + ' (' + h.count + ' alerts)').join('; '));
    rows.forEach((h, i) => {
      const yy = 4 + i * group;
      add(s, 'text', { x: L - 6, y: yy + 18, 'text-anchor': 'end' }, h.tags.rule + ' (' + h.count + ')');
      ['p50', 'p95', 'p99'].forEach((p, k) => {
        const v = h[p] * 1000;
        const w = Math.max(1, ((W - L - R) * v) / max);
        add(s, 'rect', { x: L, y: yy + k * 11, width: w.toFixed(1), height: 9, class: 'bar ' + p, 'data-rule': h.tags.rule, 'data-percentile': p });
        if (p === 'p99') { add(s, 'text', { x: L + w + 4, y: yy + k * 11 + 9, class: 'value' }, fmt(v) + ' ms'); }
      });
    });
    container.replaceChildren(s);
  }

  function drawTotals(m) {
    const tiles = [
      ['Events received', total(m, 'touchpoint.events.received')],
      ['Stored', total(m, 'touchpoint.events.stored')],
      ['Duplicates', total(m, 'touchpoint.events.duplicates')],
      ['Quarantined', total(m, 'touchpoint.events.quarantined'), true],
      ['Parked batches', total(m, 'touchpoint.batches.parked'), true],
      ['Alerts raised', total(m, 'touchpoint.alerts.raised')],
      ['Alerts delivered', total(m, 'touchpoint.alerts.delivered')],
      ['Collector accepted', total(m, 'touchpoint.collector.events', 'outcome', 'accepted')],
      ['Collector rejected', total(m, 'touchpoint.collector.events', 'outcome', 'rejected'), true],
    ];
    $('totals').replaceChildren(...tiles.map(([label, value, warn]) => {
      const div = document.createElement('div');
      div.className = warn && value > 0 ? 'warn' : '';
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = fmt(value);
      dd.dataset.metric = label;
      div.append(dt, dd);
      return div;
    }));
  }

  function render(m) {
    drawTotals(m);
    drawRate(m);
    const deadLetters = [...byTag(m, 'touchpoint.events.quarantined', 'reason')]
      .map(([reason, value]) => ({ label: 'quarantined: ' + reason, value, cls: 'quarantined' }))
      .concat([...byTag(m, 'touchpoint.batches.parked', 'function')].map(([fn, value]) => ({ label: 'parked: ' + fn, value, cls: 'parked' })));
    drawBars($('deadletters-chart'), deadLetters, 'Quarantined events by reason and parked batches by function', 'Nothing quarantined or parked');
    const rules = [...byTag(m, 'touchpoint.alerts.raised', 'rule')].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([rule, value]) => ({ label: rule, value }));
    drawBars($('rules-chart'), rules, 'Alerts raised by rule', 'No alerts raised yet');
    drawLatency(m);
    $('ov-refreshed').textContent = 'Updated ' + new Date(m.now).toLocaleTimeString('en-GB') + ' · handler up since ' + new Date(m.startedAt).toLocaleTimeString('en-GB');
    document.body.dataset.loaded = 'true';
  }

  async function refresh() {
    try {
      render(await loadMetrics());
      $('error').hidden = true;
    } catch (error) {
      $('error').textContent = error.message;
      $('error').hidden = false;
    }
  }

  key = takeKey();
  refresh();
  setInterval(() => { if (!document.hidden) { refresh(); } }, REFRESH_MS);
})();
