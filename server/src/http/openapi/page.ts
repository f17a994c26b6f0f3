// The browsable API documentation at /api/docs: a self-contained page (no CDN: a NAS on a LAN
// may have no internet) whose script renders /api/openapi.json. Script and styles are separate
// files so the page works under the strict CSP (`script-src 'self'`, nothing inline).

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Starhold API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/docs/docs.css">
<script src="/api/docs/docs.js" defer></script>
</head>
<body>
<header><h1>Starhold API</h1><p id="meta">Loading <a href="/api/openapi.json">/api/openapi.json</a>…</p>
<input id="filter" type="search" placeholder="Filter by path, summary or error code" aria-label="Filter"></header>
<main id="ops"></main>
<section id="schemas"></section>
<section id="errors"></section>
<noscript>This page needs JavaScript; the raw document is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
</body>
</html>
`;

export const DOCS_CSS = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 0 1rem 4rem; color: #1d2330; }
header { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #dde; }
h1 { margin: .2rem 0; } h2 { margin-top: 2rem; border-bottom: 2px solid #dde; }
#filter { width: 100%; padding: .4rem; font-size: 1rem; box-sizing: border-box; }
details.op { border: 1px solid #dde; border-radius: 6px; margin: .4rem 0; }
details.op > summary { cursor: pointer; padding: .45rem .6rem; list-style: none; display: flex; gap: .6rem; align-items: baseline; }
.m { font: bold 12px monospace; text-transform: uppercase; padding: 2px 6px; border-radius: 4px; color: #fff; min-width: 3.6rem; text-align: center; }
.m.get { background: #2f6fbd; } .m.post { background: #23874b; } .m.delete { background: #b8322f; } .m.put, .m.patch { background: #a86b12; }
.path { font-family: monospace; font-weight: 600; } .sum { color: #555; } .lock { margin-left: auto; font-size: 12px; color: #777; }
.body { padding: 0 .8rem .6rem; } table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
td, th { border: 1px solid #e3e3ea; padding: 3px 6px; text-align: left; vertical-align: top; }
pre { background: #f5f6fa; padding: .5rem; overflow: auto; max-height: 24rem; font-size: 12.5px; }
code.err { background: #fbeaea; padding: 0 4px; border-radius: 3px; margin-right: 4px; }
`;

export const DOCS_JS = `'use strict';
(function () {
  var doc, filter = document.getElementById('filter');
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function json(v) { return el('pre', { text: JSON.stringify(v, null, 2) }); }
  function errCodes(codes) { return el('span', {}, (codes || []).map(function (c) { return el('code', { class: 'err', text: c }); })); }
  function params(list) {
    if (!list || !list.length) return null;
    return el('table', {}, [el('tr', {}, [el('th', { text: 'name' }), el('th', { text: 'in' }), el('th', { text: 'required' }), el('th', { text: 'schema' })])]
      .concat(list.map(function (p) {
        return el('tr', {}, [el('td', { text: p.name }), el('td', { text: p.in }), el('td', { text: p.required ? 'yes' : 'no' }), el('td', {}, [json(p.schema)])]);
      })));
  }
  function responses(rs) {
    return el('table', {}, [el('tr', {}, [el('th', { text: 'status' }), el('th', { text: 'meaning' }), el('th', { text: 'body' })])]
      .concat(Object.keys(rs).map(function (status) {
        var r = rs[status], media = r.content ? Object.keys(r.content)[0] : null;
        return el('tr', {}, [el('td', { text: status }), el('td', {}, [r.description, el('br'), errCodes(r['x-error-codes'])]),
          el('td', {}, media ? [el('div', { text: media }), json(r.content[media].schema)] : [])]);
      })));
  }
  function operation(path, method, op) {
    var body = op.requestBody ? op.requestBody.content['application/json'].schema : null;
    var codes = [];
    Object.keys(op.responses).forEach(function (s) { codes = codes.concat(op.responses[s]['x-error-codes'] || []); });
    var d = el('details', { class: 'op', 'data-search': (method + ' ' + path + ' ' + op.summary + ' ' + codes.join(' ')).toLowerCase() }, [
      el('summary', {}, [el('span', { class: 'm ' + method, text: method }), el('span', { class: 'path', text: path }),
        el('span', { class: 'sum', text: op.summary }), el('span', { class: 'lock', text: op.security && op.security.length ? 'bearer token' : 'public' })]),
      el('div', { class: 'body' }, [op.description ? el('p', { text: op.description }) : null, params(op.parameters),
        body ? el('div', {}, [el('h4', { text: 'Request body (application/json)' }), json(body)]) : null,
        el('h4', { text: 'Responses' }), responses(op.responses)]),
    ]);
    return d;
  }
  function render() {
    document.getElementById('meta').textContent = 'Version ' + doc.info.version + ' · OpenAPI ' + doc.openapi + ' · ' + doc.info.description;
    var ops = document.getElementById('ops'), byTag = {};
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method], tag = (op.tags || ['other'])[0];
        (byTag[tag] = byTag[tag] || []).push(operation(path, method, op));
      });
    });
    Object.keys(byTag).forEach(function (tag) { ops.appendChild(el('h2', { text: tag })); byTag[tag].forEach(function (d) { ops.appendChild(d); }); });
    var schemas = doc.components.schemas, sec = document.getElementById('schemas');
    sec.appendChild(el('h2', { text: 'Schemas' }));
    Object.keys(schemas).filter(function (n) { return n !== 'ErrorCode'; }).forEach(function (n) {
      sec.appendChild(el('details', { class: 'op', id: 'schema-' + n }, [el('summary', {}, [el('span', { class: 'path', text: n })]), el('div', { class: 'body' }, [json(schemas[n])])]));
    });
    var codes = schemas.ErrorCode['x-codes'], errs = document.getElementById('errors');
    errs.appendChild(el('h2', { text: 'Error codes' }));
    errs.appendChild(el('table', {}, [el('tr', {}, [el('th', { text: 'code' }), el('th', { text: 'status' }), el('th', { text: 'meaning' })])]
      .concat(Object.keys(codes).map(function (c) {
        var d = codes[c] || { status: '?', description: '' };
        return el('tr', { id: 'error-' + c }, [el('td', {}, [el('code', { class: 'err', text: c })]), el('td', { text: String(d.status) }), el('td', { text: d.description })]);
      }))));
  }
  filter.addEventListener('input', function () {
    var q = filter.value.trim().toLowerCase();
    document.querySelectorAll('#ops details.op').forEach(function (d) { d.hidden = q !== '' && d.getAttribute('data-search').indexOf(q) < 0; });
  });
  fetch('/api/openapi.json').then(function (r) { return r.json(); }).then(function (d) { doc = d; render(); })
    .catch(function (e) { document.getElementById('meta').textContent = 'Could not load /api/openapi.json: ' + e; });
})();
`;
