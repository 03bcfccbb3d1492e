// The softphone page: sign in, register the OMICall Web SDK with the
// agent's own credentials, place click-to-calls through the backend, show
// the call events live and the recent calls. Plain JS, no build step.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let me = null;
  let stream = null;
  let lastCallId = '';
  const lastState = {}; // call id -> the last state streamed

  async function api(method, path, body) {
    const init = { method, credentials: 'same-origin', headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const r = await fetch(path, init);
    let data = null;
    try { data = await r.json(); } catch (_) { /* 204 or not JSON */ }
    return { ok: r.ok, status: r.status, data: data || {} };
  }

  // recordingLink is a link to a recording, or null: only http(s) URLs,
  // since the URL comes from a call hook.
  function recordingLink(url, text) {
    if (!/^https?:\/\//i.test(url || '')) return null;
    const a = document.createElement('a');
    a.href = url;
    a.textContent = text;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }

  function show(ids, visible) { ids.forEach((id) => { $(id).hidden = !visible; }); }

  // ---- the session --------------------------------------------------------
  async function start() {
    const r = await api('GET', '/api/me');
    if (r.status === 401) { showSignIn(); return; }
    if (!r.ok) { showSignIn(r.data.error || 'the server is unavailable'); return; }
    me = r.data;
    show(['sign-in'], false);
    show(['who', 'phone', 'log', 'history'], true);
    $('agent').textContent = (me.name ? me.name + ' · ' : '') + 'ext. ' + me.ext;
    restoreLog();
    startSDK();
    connectEvents();
    loadRecent();
  }

  function showSignIn(msg) {
    show(['who', 'phone', 'log', 'history'], false);
    show(['sign-in'], true);
    $('sign-in-msg').textContent = msg || '';
    if ($('email')) $('email').focus();
  }

  // The server answers a sign-in the same way whether or not a session
  // began (so that it tells no one which e-mails are agents'): ask it.
  $('sign-in-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const email = $('email') ? $('email').value.trim() : undefined;
    const r = await api('POST', '/api/session', email === undefined ? {} : { email });
    if (!r.ok) { $('sign-in-msg').textContent = r.data.error || 'sign-in failed'; return; }
    const who = await api('GET', '/api/me');
    if (who.status === 401) { $('sign-in-msg').textContent = 'sign-in failed: no OMICall agent has this account\'s e-mail'; return; }
    start();
  });
  document.querySelectorAll('.demo-agent').forEach((b) => b.addEventListener('click', () => {
    $('email').value = b.dataset.email;
  }));
  $('sign-out').addEventListener('click', async () => {
    if (stream) { stream.close(); stream = null; }
    if (window.omiSDK && omiSDK.unregister) omiSDK.unregister();
    forget();
    await api('DELETE', '/api/session');
    location.reload();
  });

  // ---- the Web SDK --------------------------------------------------------
  function setStatus(s) {
    $('sdk-status').dataset.status = s;
    $('sdk-status').textContent = s;
  }

  function startSDK() {
    if (!window.omiSDK) { setStatus('no Web SDK'); return; }
    setStatus(omiSDK.getStatus ? omiSDK.getStatus() : 'unregistered');
    const sdkEvent = (name) => (data) => {
      if (name === 'ended' && data && data.endCause) $('call-msg').textContent = 'softphone: call ended (' + data.endCause + ')';
      else if (name !== 'register') $('call-msg').textContent = 'softphone: ' + name;
    };
    omiSDK.init({
      theme: '', // no SDK dialog: this page is the UI
      language: 'en',
      callbacks: {
        register: () => setStatus(omiSDK.getStatus()),
        ringing: sdkEvent('ringing'),
        accepted: sdkEvent('accepted'),
        ended: sdkEvent('ended'),
      },
    }, async () => {
      // Exactly the backend's JSON: {"domain","username","password"}.
      const r = await api('GET', '/api/me/sip');
      if (!r.ok) { setStatus('unregistered'); $('call-msg').textContent = r.data.error || 'no SIP credentials'; return; }
      omiSDK.register(r.data);
    });
  }

  // ---- placing a call -----------------------------------------------------
  $('call-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const msg = $('call-msg');
    $('call').disabled = true;
    msg.className = '';
    msg.textContent = 'calling…';
    try {
      const r = await api('POST', '/api/calls', { phone: $('phone-number').value });
      if (r.ok) {
        lastCallId = r.data.callId;
        // The call's first events may have come before this answer.
        msg.textContent = callState[lastState[lastCallId]] ||
          'OMICall is ringing your softphone (call ' + r.data.callId.slice(0, 8) + ')';
      } else {
        msg.className = 'error';
        msg.textContent = r.data.error || 'the call failed';
      }
    } finally {
      $('call').disabled = false;
    }
  });

  // ---- live call events ---------------------------------------------------
  const callState = {
    ringing: 'ringing…', answered: 'in call', hangup: 'call ended', cdr: 'call ended, record saved',
  };
  const key = (k) => 'softphone.' + me.ext + '.' + k;
  const seen = new Set();

  function forget() {
    if (!me) return;
    sessionStorage.removeItem(key('events'));
    sessionStorage.removeItem(key('last'));
  }

  function restoreLog() {
    $('events').textContent = '';
    seen.clear();
    let kept = [];
    try { kept = JSON.parse(sessionStorage.getItem(key('events')) || '[]'); } catch (_) { kept = []; }
    kept.forEach(render);
  }

  function remember(ev) {
    let kept = [];
    try { kept = JSON.parse(sessionStorage.getItem(key('events')) || '[]'); } catch (_) { kept = []; }
    kept.push(ev);
    sessionStorage.setItem(key('events'), JSON.stringify(kept.slice(-100)));
    sessionStorage.setItem(key('last'), String(ev.id));
  }

  function render(ev) {
    if (seen.has(ev.id)) return false;
    seen.add(ev.id);
    const li = document.createElement('li');
    li.dataset.state = ev.state;
    li.dataset.call = ev.callId;
    li.dataset.id = ev.id;
    const state = document.createElement('span');
    state.className = 'state';
    state.textContent = ev.state;
    li.append(state, ' ', (ev.time ? ev.time.replace(' ICT', '') + ' · ' : '') +
      ev.direction + ' ' + ev.phone + ' · call ' + ev.callId.slice(0, 8));
    if (ev.state === 'cdr') {
      li.append(' · ' + (ev.billSec > 0 ? 'answered, ' : 'not answered, ') +
        'duration ' + ev.duration + ' s, billed ' + ev.billSec + ' s');
      const a = recordingLink(ev.recording, 'recording');
      if (a) li.append(' · ', a);
    }
    $('events').append(li);
    li.scrollIntoView({ block: 'nearest' });
    return true;
  }

  function connectEvents() {
    const last = sessionStorage.getItem(key('last'));
    // EventSource sends Last-Event-ID itself when it reconnects; after a
    // reload the page passes the last id it stored.
    stream = new EventSource('/api/events' + (last ? '?lastEventId=' + encodeURIComponent(last) : ''));
    const st = $('stream-status');
    stream.onopen = () => { st.dataset.status = 'live'; st.textContent = 'events: live'; };
    stream.onerror = async () => {
      st.dataset.status = 'reconnecting';
      st.textContent = 'events: reconnecting';
      if (stream.readyState !== EventSource.CLOSED) return; // the browser retries by itself
      // Refused (signed out, the session ended, the server restarted, or
      // too many streams open): sign in again, or retry in a while.
      const r = await api('GET', '/api/me');
      if (r.status === 401) { showSignIn('your session ended: sign in again'); return; }
      setTimeout(connectEvents, 3000);
    };
    stream.addEventListener('call', (e) => {
      const ev = JSON.parse(e.data);
      if (!render(ev)) return;
      remember(ev);
      lastState[ev.callId] = ev.state;
      if (ev.callId === lastCallId) $('call-msg').textContent = callState[ev.state] || ev.state;
      if (ev.state === 'cdr') loadRecent();
    });
  }

  // ---- recent calls -------------------------------------------------------
  async function loadRecent() {
    const r = await api('GET', '/api/calls/recent');
    const body = $('recent').tBodies[0];
    body.textContent = '';
    if (!r.ok) {
      const td = body.insertRow().insertCell();
      td.colSpan = 7;
      td.textContent = r.data.error || 'call history is unavailable';
      return;
    }
    (Array.isArray(r.data) ? r.data : []).forEach((c) => {
      const tr = body.insertRow();
      tr.dataset.call = c.callId;
      if (c.callId === lastCallId) tr.className = 'new';
      [c.time.replace(' ICT', ''), c.direction, c.phone, c.disposition || (c.billSec > 0 ? 'answered' : 'no answer'),
        c.duration + ' s', c.billSec + ' s'].forEach((v) => { tr.insertCell().textContent = v; });
      const a = recordingLink(c.recording, 'listen');
      tr.insertCell().append(a || '');
    });
  }
  $('refresh').addEventListener('click', loadRecent);

  start();
})();
