// A local stand-in for the OMICall Web SDK (https://cdn.omicrm.com/sdk/2.0.0/sdk.min.js),
// served by `softphone -simulate` so the page works with no network. It has
// the SDK's methods and callbacks (docs/api.md §15) but no SIP and no audio:
// register() succeeds for any complete {domain, username, password}, and
// makeCall() plays connecting → ringing → accepted → ended locally.
// Every method call is recorded in omiSDK.__standIn.calls for tests.
(() => {
  'use strict';
  const calls = [];
  const listeners = {};
  let callbacks = {};
  let status = 'unregistered';
  let busy = false;
  let current = null;
  let timers = [];

  const copy = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
  const record = (method, args) => calls.push({ method, args: args.map(copy) });
  const later = (ms, f) => timers.push(setTimeout(f, ms));

  function emit(name, data) {
    const fns = [callbacks[name], ...(listeners[name] || [])].filter((f) => typeof f === 'function');
    fns.forEach((f) => f(data));
  }

  function setStatus(s) {
    status = s;
    emit('register', { status: s });
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'standin-' + Date.now() + '-' + Math.random().toString(16).slice(2);
  }

  function endCall(cause) {
    if (!current) return;
    timers.forEach(clearTimeout);
    timers = [];
    const c = current;
    current = null;
    const end = new Date();
    emit('ended', {
      ...c, status: 'ended', endTime: end, endCause: cause, isAccepted: !!c.answerTime,
      duration: c.answerTime ? Math.round((end - c.answerTime) / 1000) : 0,
      totalDuration: Math.round((end - c.startTime) / 1000),
    });
  }

  window.omiSDK = {
    __standIn: { calls },

    init(config, callback) {
      const { callbacks: cbs, ...rest } = config || {};
      record('init', [rest]);
      callbacks = cbs || {};
      if (typeof callback === 'function') setTimeout(callback, 0);
    },
    register(params) {
      record('register', [params]);
      setStatus('registering');
      const ok = params && params.domain && params.username && params.password;
      later(30, () => setStatus(ok ? 'registered' : 'unregistered'));
    },
    unregister() { record('unregister', []); endCall('NORMAL_CLEARING'); setStatus('unregistered'); },
    reregister(params) {
      record('reregister', [params]);
      const last = calls.filter((c) => c.method === 'register').pop();
      this.register(params || (last && last.args[0]));
    },
    getStatus() { return status; },
    makeCall(phone, options) {
      record('makeCall', [phone, options]);
      if (status !== 'registered' || current) return false;
      const sipNumber = typeof options === 'string' ? options : options && options.sipNumber;
      current = { uuid: uuid(), direction: 'outbound', remoteNumber: String(phone), phone: String(phone), sipNumber, startTime: new Date() };
      emit('connecting', { ...current, status: 'connecting' });
      later(50, () => emit('ringing', { ...current, status: 'ringing' }));
      later(150, () => { current.answerTime = new Date(); emit('accepted', { ...current, status: 'accepted' }); });
      later(1150, () => endCall('NORMAL_CLEARING'));
      return true;
    },
    stopCall() { record('stopCall', []); endCall('NORMAL_CLEARING'); },
    acceptCall() { record('acceptCall', []); },
    transferCall(extension) { record('transferCall', [extension]); },
    sendDTMF(tone) { record('sendDTMF', [tone]); },
    toggleMute(on) { record('toggleMute', [on]); },
    toggleHold(on) { record('toggleHold', [on]); emit('holdChanged', !!on); },
    isCalling() { return !!current; },
    setBusy(b) { record('setBusy', [b]); busy = !!b; },
    isBusy() { return busy; },
    getAccessToken() { return null; },
    updateContactInfo(info) { record('updateContactInfo', [info]); },
    toggleDialog() { record('toggleDialog', []); },
    on(name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
    off(name) { delete listeners[name]; },
  };
})();
