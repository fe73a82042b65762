// The editor works without this file; with it, the error summary takes the focus, and the
// preview of the text follows typing. Only requests to this server, with the form's token.
(function () {
  'use strict';
  var summary = document.getElementById('error-summary');
  // Its links lead to each field's first box, which the browser focuses by itself.
  if (summary) { summary.focus(); }
  var body = document.getElementById('f-body');
  var preview = document.getElementById('preview');
  if (!body || !preview || !window.fetch) { return; }
  var form = body.form;
  var timer = null;
  function update() {
    var data = new FormData();
    data.append('token', form.elements.token.value);
    data.append('body', body.value);
    fetch('/_loa/preview?file=' + encodeURIComponent(form.dataset.file || '') + '&kind=' + encodeURIComponent(form.dataset.kind || ''), {
      method: 'POST', body: data, credentials: 'same-origin', cache: 'no-store'
    }).then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { preview.innerHTML = html; } })
      .catch(function () {});
  }
  body.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(update, 500);
  });
})();
