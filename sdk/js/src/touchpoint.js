/*! touchpoint.js - TouchpointPipeline browser SDK - no dependencies */
// ES2019, one IIFE, one global: window.touchpoint. Every envelope it builds follows schemas/*.schema.json; the
// collector contract (POST /api/events, write key header, 202/400/401/403/413/429/503) is in docs/collector.md.
(function (w, d) {
  'use strict';
  var nav = navigator;
  var PREFIX = 'tp_';
  var cfg; // options after init
  var on = 0; // capturing and sending (init done, consent given, not blocked by Do-Not-Track)
  var consent = true;
  var aid; // anonymous id
  var cid; // customer id after identify()
  var queue = [];
  var busy = 0; // a fetch is in flight
  var timer = 0;
  var due = 0; // when the armed timer fires (ms)
  var hold = 0; // no send before this (backoff / Retry-After)
  var attempt = 0;
  var keep = 1; // use fetch keepalive until one fails: some browsers refuse keepalive with a CORS preflight
  var warned = {};
  var seen = {}; // error signature -> count, so an error loop cannot flood the collector
  var errors = 0;
  var lastUrl;
  var lastAt;
  var ls;
  try {
    ls = w.localStorage;
    ls.setItem(PREFIX + 't', '1');
    ls.removeItem(PREFIX + 't');
  } catch (e) {
    ls = null; // blocked (privacy mode, sandboxed iframe): fall back to a first-party cookie
  }

  function cut(s, n) {
    return String(s == null ? '' : s).slice(0, n);
  }

  // A copy of the site's object (it may reuse it before the batch goes); anything else becomes {}.
  function copy(data) {
    return data && typeof data == 'object' ? Object.assign({}, data) : {};
  }

  function warn(key, msg) {
    if (!warned[key]) {
      warned[key] = 1;
      console.warn('[touchpoint] ' + msg);
    }
  }

  // ---- first-party storage: localStorage, else a cookie on this site only ----
  function get(k) {
    var v = ls && ls.getItem(PREFIX + k);
    if (v == null) {
      var m = d.cookie.match('(?:^|; )' + PREFIX + k + '=([^;]*)');
      v = m && decodeURIComponent(m[1]);
    }
    return v || null;
  }

  function set(k, v) {
    var c = PREFIX + k + '=';
    if (v != null && ls) {
      try {
        ls.setItem(PREFIX + k, v);
        return;
      } catch (e) {
        // quota exceeded: use the cookie
      }
    }
    if (v == null && ls) ls.removeItem(PREFIX + k);
    if (v != null && k == 'q') return; // never put a queue into a cookie (sent with every request)
    if (v != null || d.cookie.indexOf(c) >= 0) {
      d.cookie = c + (v == null ? '; Max-Age=0' : encodeURIComponent(v) + '; Max-Age=63072000') +
        '; Path=/; SameSite=Lax' + (location.protocol == 'https:' ? '; Secure' : '');
    }
  }

  // ---- ids: UUIDv7 (48-bit ms timestamp, version 7, variant 10, 74 random bits) ----
  function uuid7() {
    var b = crypto.getRandomValues(new Uint8Array(16));
    var t = Date.now();
    var h = '';
    var i;
    for (i = 5; i >= 0; i--) {
      b[i] = t % 256;
      t = Math.floor(t / 256);
    }
    b[6] = (b[6] & 15) | 112;
    b[8] = (b[8] & 63) | 128;
    for (i = 0; i < 16; i++) {
      h += (b[i] + 256).toString(16).slice(1) + (i == 3 || i == 5 || i == 7 || i == 9 ? '-' : '');
    }
    return h;
  }

  function now() {
    return new Date().toISOString(); // RFC 3339, UTC, milliseconds: what the schema's date-time accepts
  }

  function href() {
    return cut(location.href, 2048);
  }

  // A session ends after cfg.sessionTimeout ms without an event; stored as "<id>.<last activity ms>".
  function session() {
    var s = (get('sid') || '').split('.');
    var t = Date.now();
    if (!s[1] || t - s[1] > cfg.sessionTimeout) s[0] = uuid7();
    set('sid', s[0] + '.' + t);
    return s[0];
  }

  // ---- queue, batching, sending ----
  function emit(type, data, userHash) {
    if (!on) return;
    var e = {
      specversion: '1.0',
      id: uuid7(), // assigned once; a retry resends the same object, so the same id
      source: cfg.source,
      type: type,
      time: now(),
      channel: 'web',
      anonymousid: aid,
      sessionid: session(),
      subject: cut(location.pathname, 256) || '/',
      data: data
    };
    if (cid) e.customerid = cid;
    // Identity verification: the HMAC your back end computed for this customer id (never the secret itself).
    if (userHash) e.userhash = String(userHash);
    queue.push(e);
    if (queue.length > cfg.maxQueue) {
      queue.shift();
      warn('full', 'queue full (' + cfg.maxQueue + '): dropping the oldest events');
    }
    arm(queue.length >= cfg.batchSize ? 0 : cfg.flushInterval);
  }

  // Arms the flush timer for ms from now, never earlier than hold; keeps an earlier timer.
  function arm(ms) {
    var at = Math.max(Date.now() + ms, hold);
    if (due && due <= at) return;
    clearTimeout(timer);
    due = at;
    timer = setTimeout(function () {
      due = 0;
      flush();
    }, at - Date.now());
  }

  function flush() {
    if (!on || busy || !queue.length) return Promise.resolve();
    if (Date.now() < hold) {
      arm(0);
      return Promise.resolve();
    }
    var batch = queue.splice(0, cfg.batchSize);
    busy = 1;
    return send(batch).then(function (retry) {
      busy = 0;
      if (!on) return; // consent withdrawn meanwhile: the batch goes with the rest
      if (retry != null) {
        // Back in front, same objects: same ids; the collector's dedupe makes a repeat harmless.
        queue = batch.concat(queue);
        attempt++;
        hold = Date.now() + retry;
        arm(0);
      } else {
        attempt = 0;
        if (queue.length) arm(queue.length >= cfg.batchSize ? 0 : cfg.flushInterval);
      }
    });
  }

  function stamp(batch) {
    var t = now();
    batch.forEach(function (e) {
      e.sentat = t; // when it was sent, on the device clock: the pipeline corrects clock skew with it
    });
    return JSON.stringify({ events: batch, sentAt: t });
  }

  // Resolves to a retry delay in ms, or undefined when the batch is done (delivered or dropped).
  function send(batch) {
    var body = stamp(batch);
    return fetch(cfg.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Touchpoint-Write-Key': cfg.writeKey },
      body: body,
      keepalive: keep && body.length < 6e4, // lets the request outlive the page (browsers cap keepalive bodies at 64 KB)
      credentials: 'omit'
    }).then(function (r) {
      var s = r.status;
      if (s == 408 || s == 429 || s >= 500) return backoff(r.headers.get('Retry-After'));
      if (s == 202) {
        return r.json().then(function (j) {
          if (j.rejected) {
            var x = j.results.filter(function (i) { return i.status != 'accepted'; })[0] || {};
            warn('rej', j.rejected + ' event(s) rejected by the collector, e.g. ' + x.reason + ' ' + (x.field || ''));
          }
        }, function () {});
      }
      if (s >= 300) warn(s, 'collector answered ' + s + ': dropped ' + batch.length + ' event(s); check endpoint, writeKey and source');
    }, function () {
      keep = 0;
      return backoff(); // network error or CORS failure
    });
  }

  // Retry-After (seconds or an HTTP date) when given, else exponential backoff with jitter, capped.
  function backoff(ra) {
    var s = +ra;
    if (ra && isNaN(s)) s = (Date.parse(ra) - Date.now()) / 1000;
    return s >= 0 ? s * 1000 : Math.min(cfg.maxBackoff, cfg.minBackoff * Math.pow(2, attempt)) * (0.5 + Math.random() / 2);
  }

  // Page is going away (or hidden, which may be the last chance on mobile): hand the queue to sendBeacon, text/plain
  // (no CORS preflight) with the write key in the query. What the beacon refuses is kept for the next page load.
  function hide() {
    if (!on || !queue.length) return;
    var url = cfg.endpoint + (cfg.endpoint.indexOf('?') < 0 ? '?' : '&') + 'writeKey=' + encodeURIComponent(cfg.writeKey);
    var left = [];
    var batch;
    while (queue.length) {
      batch = queue.splice(0, cfg.batchSize);
      if (!(nav.sendBeacon && nav.sendBeacon(url, stamp(batch)))) left = left.concat(batch);
    }
    if (left.length) set('q', JSON.stringify(left));
  }

  function restore() {
    var q = get('q');
    set('q', null);
    try {
      q = JSON.parse(q);
    } catch (e) {
      q = null;
    }
    if (q && q.length) {
      queue = q.concat(queue);
      arm(0);
    }
  }

  // ---- auto-capture ----
  function page(force) {
    // A hash change is a new page only for hash routers (#/ or #!), not for in-page anchors.
    var u = location.href.replace(/#(?![!/]).*$/, '');
    if (u == lastUrl && !force) return;
    var data = {
      url: href(),
      path: cut(location.pathname, 2048),
      title: cut(d.title, 1024),
      referrer: cut(lastUrl || d.referrer, 2048),
      screen: { width: w.innerWidth, height: w.innerHeight }
    };
    if (lastUrl) data.durationMs = Date.now() - lastAt;
    lastUrl = u;
    lastAt = Date.now();
    emit('page.viewed', data);
  }

  // State classes change between two clicks on the same element (is-active, loading): they would split a rage burst.
  var STATE = /^(is|has)-|active|focus|hover|disabled|loading|open|selected|pressed|visible|hidden|show/;
  var NAME = /^[A-Za-z][\w-]*$/;

  function stable(s) {
    return NAME.test(s) && !/\d{3}/.test(s); // ids/classes with long digit runs are usually generated per render
  }

  // Stable CSS selector: #id, [data-testid]/[data-track], else up to 5 levels of tag.class:nth-of-type.
  function selector(el) {
    var out = [];
    var n = el;
    var a;
    var s;
    var k;
    var i;
    for (i = 0; n && n.nodeType == 1 && i < 5; i++, n = n.parentElement) {
      if (n.id && stable(n.id)) {
        out.unshift('#' + n.id);
        break;
      }
      a = ['data-testid', 'data-track'].filter(function (x) { return /^[\w.:-]+$/.test(n.getAttribute(x) || ''); })[0];
      if (a) {
        out.unshift('[' + a + '="' + n.getAttribute(a) + '"]');
        break;
      }
      s = n.localName;
      if (s == 'body' || s == 'html') {
        out.unshift(s);
        break;
      }
      a = (n.getAttribute('class') || '').split(/\s+/).filter(function (c) { return stable(c) && !STATE.test(c); }).slice(0, 2);
      if (a.length) s += '.' + a.join('.');
      a = n.parentElement ? [].filter.call(n.parentElement.children, function (c) { return c.localName == n.localName; }) : [];
      if (a.length > 1) s += ':nth-of-type(' + (a.indexOf(n) + 1) + ')';
      out.unshift(s);
    }
    return cut(out.join(' > '), 1024);
  }

  function click(e) {
    var t = e.target;
    if (!t || !t.closest || t.closest('[data-tp-ignore]')) return;
    var el = t.closest('a,button,input,select,textarea,label,summary,[role=button],[role=link],[data-track],[data-testid]') || t;
    var x = e.pageX;
    var y = e.pageY;
    if (!e.detail && !x && !y) {
      // Keyboard activation (Enter/Space) has no pointer position: use the element's centre.
      var r = el.getBoundingClientRect();
      x = r.left + r.width / 2 + w.scrollX;
      y = r.top + r.height / 2 + w.scrollY;
    }
    var data = { selector: selector(el), x: Math.max(0, Math.round(x)), y: Math.max(0, Math.round(y)), url: href(), button: Math.max(0, e.button) };
    // Text only of buttons and links (their label); never of form fields, never a value.
    if (/^(a|button)$/.test(el.localName) || el.getAttribute('role') == 'button') {
      var s = cut((el.innerText || '').trim().replace(/\s+/g, ' '), 100);
      if (s) data.text = s;
    }
    emit('element.clicked', data);
  }

  function error(x, msg, handled) {
    var obj = x && typeof x == 'object' && 'message' in x;
    var data = { message: cut(obj ? x.message : msg || x, 4096) || 'Unknown error', url: href(), handled: !!handled };
    if (obj && x.name) data.errorType = cut(x.name, 256);
    if (obj && x.stack) data.stack = cut(x.stack, 8192);
    var sig = data.message + data.stack;
    seen[sig] = (seen[sig] || 0) + 1;
    if (seen[sig] > 5 || errors++ >= 100) return; // an error in a loop or a render storm: enough is enough
    emit('client.error', data);
  }

  var FLAGS = 'valueMissing typeMismatch patternMismatch tooLong tooShort rangeUnderflow rangeOverflow stepMismatch badInput customError'.split(' ');

  // Browser validation messages can quote the typed value (Chrome's e-mail message does), so only the failed
  // constraint is sent: code "typeMismatch", message "type mismatch".
  function invalid(e) {
    var f = e.target;
    var v = f.validity;
    if (!v || f.closest('[data-tp-ignore]')) return;
    var code = FLAGS.filter(function (k) { return v[k]; })[0] || 'invalid';
    formError(f.form ? name(f.form) : 'form', name(f), code.replace(/[A-Z]/g, ' $&').toLowerCase(), code);
  }

  function name(el) {
    return cut(el.getAttribute('name') || el.id || selector(el), 256) || el.localName;
  }

  function formError(form, field, message, code) {
    var data = { form: cut(form, 256), field: cut(field, 256), message: cut(message, 1024), url: href() };
    if (code) data.code = cut(code, 128);
    emit('form.error', data);
  }

  function blocked() {
    return cfg.respectDoNotTrack && (nav.doNotTrack == '1' || w.doNotTrack == '1' || nav.globalPrivacyControl === true);
  }

  function start() {
    if (on || !consent || blocked()) return;
    on = 1;
    aid = get('aid') || uuid7();
    set('aid', aid);
    cid = get('cid');
    restore();
    if (cfg.pageViews) page();
  }

  function stop() {
    on = 0;
    queue = [];
    clearTimeout(timer);
    due = 0;
    aid = cid = lastUrl = null;
    ['aid', 'cid', 'sid', 'q'].forEach(function (k) { set(k, null); });
  }

  function init(o) {
    if (cfg) return warn('init', 'init() called twice; ignored');
    o = o || {};
    if (!o.writeKey) return warn('key', 'init() needs a writeKey; nothing will be captured');
    var ac = o.autocapture;
    var auto = function (k) { return ac !== false && (!ac || ac[k] !== false); };
    var num = function (k, def, min, max) { var v = +o[k]; return v >= min && v <= max ? v : def; };
    cfg = {
      endpoint: o.endpoint || '/api/events',
      writeKey: o.writeKey,
      source: cut(o.source || location.origin, 256),
      batchSize: num('batchSize', 20, 1, 500), // the collector takes up to 500 per request
      flushInterval: num('flushInterval', 5000, 0, 6e5),
      maxQueue: num('maxQueue', 1000, 1, 1e5),
      minBackoff: num('minBackoff', 1000, 1, 6e5),
      maxBackoff: num('maxBackoff', 60000, 1, 36e5),
      sessionTimeout: num('sessionTimeout', 18e5, 1, 864e5),
      respectDoNotTrack: o.respectDoNotTrack !== false,
      pageViews: auto('pageViews')
    };
    consent = o.consent !== false;
    if (cfg.pageViews) {
      ['pushState', 'replaceState'].forEach(function (m) {
        var orig = history[m];
        history[m] = function () {
          var r = orig.apply(this, arguments);
          setTimeout(page, 0); // after the router has set the new title
          return r;
        };
      });
      w.addEventListener('popstate', function () { page(); });
      w.addEventListener('hashchange', function () { page(); });
    }
    if (auto('clicks')) d.addEventListener('click', click, true);
    if (auto('errors')) {
      w.addEventListener('error', function (e) { error(e.error, e.message); }); // bubbling only: not resource loads
      w.addEventListener('unhandledrejection', function (e) { error(e.reason, 'Unhandled rejection'); });
    }
    if (auto('forms')) d.addEventListener('invalid', invalid, true); // `invalid` does not bubble
    w.addEventListener('pagehide', hide);
    d.addEventListener('visibilitychange', function () {
      if (d.visibilityState == 'hidden') hide();
      else if (on) restore();
    });
    start();
  }

  w.touchpoint = {
    init: init,
    track: function (type, data) {
      if (typeof type != 'string' || !type) return warn('type', 'track() needs an event type');
      emit(type, copy(data));
    },
    page: function () {
      page(1);
    },
    identify: function (id, data, opts) {
      if (!on || !id || cut(id, 256) == cid) return; // same customer again (every page load): nothing new to say
      cid = cut(id, 256);
      set('cid', cid);
      emit('customer.identified', copy(data), opts && opts.userHash);
    },
    reset: function () {
      if (!on) return;
      cid = null;
      set('cid', null);
      set('sid', null);
      aid = uuid7();
      set('aid', aid);
    },
    formError: formError,
    captureError: function (err, handled) {
      error(err, String(err), handled !== false);
    },
    setConsent: function (v) {
      consent = !!v;
      if (!cfg) return;
      if (consent) start();
      else stop();
    },
    flush: flush,
    anonymousId: function () {
      return aid || null;
    },
    customerId: function () {
      return cid || null;
    }
  };
})(window, document);
