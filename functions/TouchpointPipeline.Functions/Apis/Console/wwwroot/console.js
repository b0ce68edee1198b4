// Support console: open alerts, acknowledge/resolve, a customer's cross-channel timeline with an alert's evidence
// highlighted. Plain browser JavaScript, no build step, no third-party code; it only calls this app's own /api.
// Every API call carries the function key the console was opened with (?code=<key>) as x-functions-key.
'use strict';

(() => {
  const REFRESH_MS = 5000;
  const TIMELINE_PAGE = 200;
  const MAX_EVIDENCE_PAGES = 10;
  const KEY_STORAGE = 'touchpoint.console.functionKey';
  const AGENT_STORAGE = 'touchpoint.console.agent';
  const apiBase = new URL('../', location.href);
  const $ = (id) => document.getElementById(id);

  const state = {
    key: null,
    alerts: [],
    next: null,
    rules: new Set(),
    selected: null,
    customerKey: null,
    timeline: [],
    timelineNext: null,
    customerRequest: 0,
    loadingAlerts: false,
    listFailed: false,
    searchedKey: null,
    lastAnnounced: null,
  };

  // ---- storage (may be unavailable, e.g. in a locked-down browser: then the key lives for the page only) ----
  function stored(storage, name) {
    try { return storage.getItem(name); } catch { return null; }
  }
  function store(storage, name, value) {
    try {
      if (value) { storage.setItem(name, value); } else { storage.removeItem(name); }
    } catch { /* the value stays in memory only */ }
  }

  function takeKeyFromUrl() {
    const params = new URLSearchParams(location.search);
    const code = params.get('code');
    if (code) {
      store(sessionStorage, KEY_STORAGE, code);
      params.delete('code');
      // Keep the key out of the address bar, history and screen shares.
      const query = params.toString();
      history.replaceState(history.state, '', location.pathname + (query ? '?' + query : '') + location.hash);
      return code;
    }
    return stored(sessionStorage, KEY_STORAGE);
  }

  function showKeyState() {
    $('key-state').textContent = state.key
      ? 'A function key is set for this browser tab.'
      : 'No key set: fine locally; in Azure open the console with ?code=<function key>.';
  }

  // ---- API ----
  class ApiError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  async function api(path, options = {}) {
    const headers = { Accept: 'application/json' };
    if (state.key) { headers['x-functions-key'] = state.key; }
    let body;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response;
    try {
      response = await fetch(new URL(path, apiBase), { method: options.method || 'GET', headers, body, cache: 'no-store', credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError('The API could not be reached (' + e.message + ').', 0);
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try { json = JSON.parse(text); } catch { json = null; }
    }
    if (!response.ok) {
      throw new ApiError(problemText(response.status, json), response.status);
    }
    return json;
  }

  function problemText(status, problem) {
    if (status === 401 || status === 403) {
      return 'The function key is missing or wrong (HTTP ' + status + '). Open the console with ?code=<function key> or set it under "Function key".';
    }
    const parts = [];
    if (problem && problem.title) { parts.push(problem.title); }
    if (problem && problem.detail) { parts.push(problem.detail); }
    if (problem && problem.errors) {
      for (const [field, messages] of Object.entries(problem.errors)) { parts.push(field + ': ' + [].concat(messages).join(' ')); }
    }
    return (parts.join(' ') || 'The request failed.') + ' (HTTP ' + status + ')';
  }

  function showError(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = false;
  }
  function clearError() {
    const box = $('error');
    box.hidden = true;
    box.textContent = '';
  }

  // ---- formatting ----
  const lower = (value) => String(value || '').toLowerCase();
  const capitalised = (value) => { const s = lower(value); return s.charAt(0).toUpperCase() + s.slice(1); };
  function formatTime(value) {
    if (!value) { return ''; }
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
  }
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function statusText(alert) {
    const status = lower(alert.status);
    if (status === 'acknowledged') { return 'Acknowledged by ' + alert.acknowledgedBy + ' at ' + formatTime(alert.acknowledgedAt); }
    if (status === 'resolved') { return 'Resolved by ' + alert.resolvedBy + ' at ' + formatTime(alert.resolvedAt); }
    return 'Open' + (alert.escalatedAt ? ' (escalated ' + formatTime(alert.escalatedAt) + ')' : '');
  }

  // ---- alert list ----
  function filteredAlerts() {
    const rule = $('filter-rule').value;
    return state.alerts.filter((a) => !rule || a.ruleId === rule);
  }

  async function loadAlerts(append) {
    if (state.loadingAlerts) { return; }
    state.loadingAlerts = true;
    try {
      const query = new URLSearchParams();
      const status = $('filter-status').value;
      const severity = $('filter-severity').value;
      if (status) { query.set('status', status); }
      if (severity) { query.set('severity', severity); }
      // A refresh re-reads as many alerts as are shown (bounded by the API's page size), so nothing jumps away.
      query.set('limit', String(append ? 100 : Math.min(200, Math.max(100, state.alerts.length))));
      if (append && state.next) { query.set('continuation', state.next); }
      const page = await api('alerts?' + query.toString());
      state.alerts = append ? state.alerts.concat(page.items) : page.items;
      state.next = page.next;
      for (const alert of page.items) { state.rules.add(alert.ruleId); }
      if (state.selected) {
        const fresh = state.alerts.find((a) => a.id === state.selected.id);
        if (fresh) { state.selected = fresh; renderDetail(); }
      }
      updateRuleOptions();
      renderAlerts();
      $('refreshed').textContent = 'Updated ' + formatTime(new Date().toISOString());
      clearErrorIfFromList();
    } catch (e) {
      showError('Alerts could not be loaded: ' + e.message);
      state.listFailed = true;
    } finally {
      state.loadingAlerts = false;
    }
  }

  function clearErrorIfFromList() {
    if (state.listFailed) { state.listFailed = false; clearError(); }
  }

  function updateRuleOptions() {
    const select = $('filter-rule');
    const present = new Set([...select.options].map((o) => o.value));
    const missing = [...state.rules].filter((r) => !present.has(r)).sort();
    for (const rule of missing) {
      const option = el('option', null, rule);
      option.value = rule;
      const before = [...select.options].slice(1).find((o) => o.value > rule);
      select.insertBefore(option, before || null);
    }
  }

  function renderAlerts() {
    const list = $('alert-list');
    const active = document.activeElement;
    const activeId = active && active.dataset ? active.dataset.alertId : undefined;
    const existing = new Map([...list.children].map((li) => [li.dataset.alertId, li]));
    const alerts = filteredAlerts();
    alerts.forEach((alert, index) => {
      let item = existing.get(alert.id);
      if (item) {
        existing.delete(alert.id);
      } else {
        item = el('li');
        item.dataset.alertId = alert.id;
        const button = el('button', 'alert-item');
        button.type = 'button';
        button.dataset.alertId = alert.id;
        button.addEventListener('click', () => selectAlert(alert.id));
        item.append(button);
      }
      fillAlertButton(item.firstChild, alert);
      if (list.children[index] !== item) { list.insertBefore(item, list.children[index] || null); }
    });
    for (const stale of existing.values()) { stale.remove(); }
    // Reordering can blur the focused row; put focus back so a refresh never moves the keyboard user.
    if (activeId && document.activeElement !== active) {
      const again = [...list.querySelectorAll('button')].find((b) => b.dataset.alertId === activeId);
      if (again) { again.focus(); }
    }

    const status = $('filter-status').value;
    const countText = alerts.length + (state.next ? '+' : '');
    $('alert-count').textContent = '(' + countText + ')';
    $('alert-empty').hidden = alerts.length > 0;
    $('alerts-more').hidden = !state.next;
    const announcement = countText + ' ' + (status || 'matching') + ' alert' + (alerts.length === 1 ? '' : 's');
    if (announcement !== state.lastAnnounced) {
      // Announced only when it changes, so a screen reader is not interrupted every few seconds.
      $('live').textContent = announcement;
      state.lastAnnounced = announcement;
    }
  }

  function fillAlertButton(button, alert) {
    const severity = lower(alert.severity);
    button.className = 'alert-item sev-' + severity;
    button.setAttribute('aria-current', state.selected && state.selected.id === alert.id ? 'true' : 'false');
    button.replaceChildren();
    const line1 = el('span', 'line1');
    line1.append(el('span', null, alert.ruleId), el('span', 'badge sev-' + severity, capitalised(severity)));
    const line2 = el('span', 'line2', alert.summary);
    const line3 = el('span', 'line2', alert.customerKey + ' · ' + formatTime(alert.lastEvidenceTime) + ' · ' + lower(alert.status));
    button.append(line1, line2, line3);
  }

  // ---- alert detail ----
  async function selectAlert(id) {
    try {
      const alert = await api('alerts/' + encodeURIComponent(id));
      state.selected = alert;
      history.replaceState(history.state, '', '#alert=' + encodeURIComponent(id));
      renderDetail();
      renderAlerts();
      $('action-state').textContent = '';
      await openCustomer(alert.customerKey, false);
    } catch (e) {
      showError('The alert could not be loaded: ' + e.message);
    }
  }

  function renderDetail() {
    const alert = state.selected;
    $('detail-empty').hidden = !!alert;
    $('detail').hidden = !alert;
    if (!alert) { return; }
    const severity = lower(alert.severity);
    const badge = $('d-severity');
    badge.className = 'badge sev-' + severity;
    badge.textContent = capitalised(severity);
    $('d-rule').textContent = alert.ruleId;
    $('d-summary').textContent = alert.summary;
    $('d-status').textContent = statusText(alert);
    $('d-customer').textContent = alert.customerKey;
    $('d-customer').setAttribute('aria-label', 'Show customer ' + alert.customerKey + ' and the evidence in the timeline');
    $('d-action').textContent = alert.suggestedAction;
    $('d-first').textContent = formatTime(alert.firstEvidenceTime);
    $('d-last').textContent = formatTime(alert.lastEvidenceTime);
    $('d-id').textContent = alert.id;
    const evidence = $('d-evidence');
    evidence.replaceChildren(...alert.evidenceEventIds.map((id) => el('li', 'mono', id)));
    const history = [['Raised', alert.createdAt, null]];
    if (alert.escalatedAt) { history.push(['Escalated (still open after the escalation time)', alert.escalatedAt, null]); }
    if (alert.acknowledgedAt) { history.push(['Acknowledged', alert.acknowledgedAt, alert.acknowledgedBy]); }
    if (alert.resolvedAt) { history.push(['Resolved', alert.resolvedAt, alert.resolvedBy]); }
    history.sort((a, b) => new Date(a[1]) - new Date(b[1]));
    $('d-history').replaceChildren(...history.map(([what, when, by]) => el('li', null, what + (by ? ' by ' + by : '') + ' · ' + formatTime(when))));
    const status = lower(alert.status);
    $('acknowledge').disabled = status !== 'open';
    $('resolve').disabled = status === 'resolved';
  }

  async function transition(action) {
    const alert = state.selected;
    if (!alert) { return; }
    const nameInput = $('agent-name');
    const by = nameInput.value.trim();
    if (!by) {
      $('action-state').textContent = 'Enter your name first: it is recorded with the ' + (action === 'acknowledge' ? 'acknowledgement.' : 'resolution.');
      nameInput.focus();
      return;
    }
    store(localStorage, AGENT_STORAGE, by);
    try {
      const updated = await api('alerts/' + encodeURIComponent(alert.id) + '/' + action, { method: 'POST', body: { by } });
      state.selected = updated;
      state.alerts = state.alerts.map((a) => (a.id === updated.id ? updated : a));
      renderDetail();
      renderAlerts();
      $('action-state').textContent = statusText(updated) + '.';
      $('detail-heading').focus();
      loadAlerts(false);
    } catch (e) {
      $('action-state').textContent = 'Not done: ' + e.message;
      if (e.status === 409) { selectAlert(alert.id); }
    }
  }

  // ---- customer view ----
  const CHANNELS = {
    web: { label: 'Web', paths: ['M3 5h18v11H3z', 'M8 20h8', 'M12 16v4'] },
    app: { label: 'App', paths: ['M7 2h10v20H7z', 'M11 18h2'] },
    call: { label: 'Call', paths: ['M5 3h4l2 5-3 2a12 12 0 0 0 6 6l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z'] },
    chat: { label: 'Chat', paths: ['M4 4h16v12H9l-5 4z'] },
  };

  function channelIcon(channel) {
    const info = CHANNELS[channel] || { label: channel, paths: ['M4 4h16v16H4z'] };
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    for (const d of info.paths) {
      const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      path.setAttribute('d', d);
      svg.append(path);
    }
    return { svg, label: info.label };
  }

  async function openCustomer(key, moveFocus) {
    const request = ++state.customerRequest;
    const evidence = state.selected ? state.selected.evidenceEventIds : [];
    try {
      const first = await api('customers/' + encodeURIComponent(key) + '/timeline?limit=' + TIMELINE_PAGE);
      let items = first.items;
      let next = first.next;
      // The evidence may be older than the newest page: read on until it is all there (bounded).
      const selectedHere = state.selected && state.selected.customerKey === first.customerKey;
      for (let pages = 1; selectedHere && next && pages < MAX_EVIDENCE_PAGES && !evidence.every((id) => items.some((i) => i.id === id)); pages++) {
        const page = await api('customers/' + encodeURIComponent(key) + '/timeline?limit=' + TIMELINE_PAGE + '&before=' + encodeURIComponent(next));
        items = items.concat(page.items);
        next = page.next;
      }
      if (request !== state.customerRequest) { return; }
      state.customerKey = first.customerKey;
      state.searchedKey = key;
      state.timeline = items;
      state.timelineNext = next;
      $('customer-empty').hidden = true;
      $('customer').hidden = false;
      $('c-key').textContent = first.customerKey === key ? first.customerKey : key + ' (stored as ' + first.customerKey + ')';
      renderTimeline();
      const marked = highlightEvidence();
      await Promise.all([loadIdentity(first.customerKey, request), loadCustomerAlerts(first.customerKey, request)]);
      if (marked) {
        marked.scrollIntoView({ block: 'center' });
        if (moveFocus) { marked.focus(); }
      } else if (moveFocus) {
        $('customer-heading').focus();
      }
    } catch (e) {
      showError('The customer could not be loaded: ' + e.message);
    }
  }

  async function loadIdentity(customerKey, request) {
    const box = $('c-identity');
    box.replaceChildren();
    if (customerKey.startsWith('anon:')) {
      box.append(el('p', 'hint', 'Anonymous visitor (not signed in, or not yet linked to a customer).'));
      return;
    }
    const identity = await api('customers/' + encodeURIComponent(customerKey) + '/identity');
    if (request !== state.customerRequest) { return; }
    if (identity.links.length === 0) {
      box.append(el('p', 'hint', 'No anonymous visits linked to this customer.'));
    } else {
      box.append(el('p', null, 'Linked anonymous visitors (their events are part of the timeline):'));
      const list = el('ul', 'customer-alerts');
      for (const link of identity.links) {
        list.append(el('li', 'mono', 'anon:' + link.anonymousId + ' · linked ' + formatTime(link.linkedAt)));
      }
      box.append(list);
    }
    if (identity.rejections.length > 0) {
      box.append(el('p', 'hint', identity.rejections.length + ' link attempt(s) refused (see GET /api/customers/{id}/identity).'));
    }
  }

  async function loadCustomerAlerts(customerKey, request) {
    const page = await api('alerts?limit=50&customer=' + encodeURIComponent(customerKey));
    if (request !== state.customerRequest) { return; }
    const list = $('c-alerts');
    list.replaceChildren();
    if (page.items.length === 0) {
      list.append(el('li', 'hint', 'No alerts for this customer.'));
      return;
    }
    for (const alert of page.items) {
      const li = el('li');
      const button = el('button', 'link-button', alert.ruleId + ' · ' + lower(alert.severity) + ' · ' + lower(alert.status) + ' · ' + formatTime(alert.lastEvidenceTime));
      button.type = 'button';
      button.addEventListener('click', () => selectAlert(alert.id));
      li.append(button);
      list.append(li);
    }
  }

  function contactOf(item) {
    const data = item.data || {};
    return data.callId || data.chatId || null;
  }

  function groupBySession(items) {
    const groups = [];
    const byKey = new Map();
    for (const item of items) {
      const contact = contactOf(item);
      const key = item.sessionId ? 's:' + item.sessionId : contact ? 'c:' + item.channel + ':' + contact : 'n:' + item.channel;
      let group = byKey.get(key);
      if (!group) {
        group = { key, sessionId: item.sessionId, contact, channel: item.channel, items: [] };
        byKey.set(key, group);
        groups.push(group);
      }
      group.items.push(item);
    }
    return groups;
  }

  function groupTitle(group) {
    const channels = [...new Set(group.items.map((i) => (CHANNELS[i.channel] || { label: i.channel }).label))].join(' + ');
    const newest = group.items[0].time;
    const oldest = group.items[group.items.length - 1].time;
    const what = group.sessionId ? channels + ' session ' + group.sessionId
      : group.contact ? channels + ' ' + group.contact
        : channels + ' (no session)';
    return what + ' · ' + group.items.length + ' event' + (group.items.length === 1 ? '' : 's') + ' · ' + formatTime(oldest) + ' – ' + formatTime(newest);
  }

  function dataSummary(data) {
    if (!data || typeof data !== 'object') { return ''; }
    const parts = [];
    for (const [name, value] of Object.entries(data)) {
      if (value === null || typeof value === 'object') { continue; }
      const text = String(value);
      parts.push(name + ': ' + (text.length > 80 ? text.slice(0, 79) + '…' : text));
      if (parts.length === 5) { break; }
    }
    return parts.join(' · ');
  }

  function renderTimeline() {
    const box = $('timeline');
    box.replaceChildren();
    if (state.timeline.length === 0) {
      box.append(el('p', 'hint', 'No events for this customer.'));
    }
    for (const group of groupBySession(state.timeline)) {
      const section = el('section', 'session');
      const heading = el('h4', null, groupTitle(group));
      heading.id = 'session-' + group.key.replace(/[^A-Za-z0-9_-]/g, '_');
      section.setAttribute('aria-labelledby', heading.id);
      const list = el('ol');
      for (const item of group.items) {
        const li = el('li', 'event');
        li.dataset.eventId = item.id;
        li.tabIndex = -1;
        const { svg, label } = channelIcon(item.channel);
        const channel = el('span', 'channel');
        channel.append(svg, el('span', null, label));
        const body = el('div');
        const what = el('div', 'what', item.type);
        body.append(what, el('div', 'when', formatTime(item.time) + ' · ' + item.source), el('div', 'data', dataSummary(item.data)));
        li.append(channel, body);
        list.append(li);
      }
      section.append(heading, list);
      box.append(section);
    }
    $('timeline-more').hidden = !state.timelineNext;
  }

  // Marks the selected alert's evidence in the timeline; returns the newest marked item.
  function highlightEvidence() {
    const evidence = new Set(state.selected && state.selected.customerKey === state.customerKey ? state.selected.evidenceEventIds : []);
    let first = null;
    for (const li of $('timeline').querySelectorAll('li.event')) {
      const isEvidence = evidence.has(li.dataset.eventId);
      li.classList.toggle('evidence', isEvidence);
      li.dataset.evidence = String(isEvidence);
      const mark = li.querySelector('.evidence-mark');
      if (isEvidence && !mark) {
        const badge = el('span', 'evidence-mark', 'Evidence');
        badge.append(el('span', 'visually-hidden', ' for alert ' + state.selected.ruleId));
        li.querySelector('.what').append(badge);
      } else if (!isEvidence && mark) {
        mark.remove();
      }
      if (isEvidence && !first) { first = li; }
    }
    return first;
  }

  async function loadOlderEvents() {
    if (!state.timelineNext) { return; }
    const request = state.customerRequest;
    try {
      const page = await api('customers/' + encodeURIComponent(state.customerKey) + '/timeline?limit=' + TIMELINE_PAGE + '&before=' + encodeURIComponent(state.timelineNext));
      if (request !== state.customerRequest) { return; }
      state.timeline = state.timeline.concat(page.items);
      state.timelineNext = page.next;
      renderTimeline();
      highlightEvidence();
      $('timeline-more').focus();
      if (!state.timelineNext) { $('customer-heading').focus(); }
    } catch (e) {
      showError('Older events could not be loaded: ' + e.message);
    }
  }

  // ---- wiring ----
  function start() {
    state.key = takeKeyFromUrl();
    showKeyState();
    $('agent-name').value = stored(localStorage, AGENT_STORAGE) || '';

    $('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      state.key = $('function-key').value.trim() || null;
      $('function-key').value = '';
      store(sessionStorage, KEY_STORAGE, state.key);
      showKeyState();
      clearError();
      loadAlerts(false);
    });
    $('customer-search').addEventListener('submit', (event) => {
      event.preventDefault();
      const key = $('customer-key').value.trim();
      if (key) { clearError(); openCustomer(key, true); }
    });
    $('filter-status').addEventListener('change', () => { state.alerts = []; loadAlerts(false); });
    $('filter-severity').addEventListener('change', () => { state.alerts = []; loadAlerts(false); });
    $('filter-rule').addEventListener('change', renderAlerts);
    $('alert-filters').addEventListener('submit', (event) => event.preventDefault());
    $('refresh-now').addEventListener('click', () => loadAlerts(false));
    $('alerts-more').addEventListener('click', () => loadAlerts(true));
    $('acknowledge').addEventListener('click', () => transition('acknowledge'));
    $('resolve').addEventListener('click', () => transition('resolve'));
    $('d-customer').addEventListener('click', () => { if (state.selected) { openCustomer(state.selected.customerKey, true); } });
    $('timeline-more').addEventListener('click', loadOlderEvents);

    setInterval(() => {
      if ($('auto-refresh').checked && !document.hidden) { loadAlerts(false); }
    }, REFRESH_MS);

    loadAlerts(false);
    const linked = /^#alert=(.+)$/.exec(location.hash);
    if (linked) { selectAlert(decodeURIComponent(linked[1])); }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
