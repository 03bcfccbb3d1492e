// Collects the page's JavaScript errors and Content-Security-Policy
// violations, so that a test (or you, in the console) can read them from
// window.softphoneErrors.
window.softphoneErrors = [];
window.addEventListener('error', (e) => {
  window.softphoneErrors.push(String(e.message || e.type) + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
});
window.addEventListener('unhandledrejection', (e) => {
  window.softphoneErrors.push('unhandled rejection: ' + String(e.reason));
});
document.addEventListener('securitypolicyviolation', (e) => {
  window.softphoneErrors.push('CSP refused ' + e.blockedURI + ' (' + e.violatedDirective + ')');
});
