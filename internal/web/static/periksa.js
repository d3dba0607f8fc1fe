// periksa.js checks a record of bursa's public log, or an application
// receipt, in the visitor's own browser: it verifies the checkpoint's
// Ed25519 signature with the key on the page, hashes the record, and runs
// the inclusion proof up to the signed root (the tree of
// golang.org/x/mod/sumdb/tlog), all with WebCrypto. The server sends data
// only; it never says "ok", so it cannot say it falsely.
(function () {
  'use strict';
  var form = document.getElementById('periksa-form');
  var out = document.getElementById('periksa-result');
  if (!form || !out) return;
  var enc = new TextEncoder();

  function b64(s) {
    var bin = atob(s.trim());
    var b = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) b[i] = bin.charCodeAt(i);
    return b;
  }
  function hex(b) {
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }
  function concat() {
    var n = 0, i;
    for (i = 0; i < arguments.length; i++) n += arguments[i].length;
    var o = new Uint8Array(n), at = 0;
    for (i = 0; i < arguments.length; i++) { o.set(arguments[i], at); at += arguments[i].length; }
    return o;
  }
  function equal(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  async function sha256(b) { return new Uint8Array(await crypto.subtle.digest('SHA-256', b)); }
  // tlog.RecordHash and tlog.NodeHash (RFC 6962 leaf and node prefixes).
  function recordHash(data) { return sha256(concat(new Uint8Array([0]), data)); }
  function nodeHash(l, r) { return sha256(concat(new Uint8Array([1]), l, r)); }

  // A note verifier key: name+hash+base64(0x01 || Ed25519 public key).
  async function parseKey(vkey) {
    var i = vkey.indexOf('+'), j = vkey.indexOf('+', i + 1);
    if (i < 1 || j < 0) throw new Error('key');
    var name = vkey.slice(0, i), hash = parseInt(vkey.slice(i + 1, j), 16), kb = b64(vkey.slice(j + 1));
    if (kb.length !== 33 || kb[0] !== 1) throw new Error('key');
    var h = await sha256(concat(enc.encode(name + '\n'), kb));
    if ((((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0) !== hash) throw new Error('key');
    var pub = await crypto.subtle.importKey('raw', kb.slice(1), { name: 'Ed25519' }, false, ['verify']);
    return { name: name, hash: hash, pub: pub };
  }

  // openNote checks a signed note (golang.org/x/mod/sumdb/note) with key
  // and returns its text: a signature line by the key's name and hash
  // must verify over the text.
  async function openNote(msg, key) {
    var cut = msg.lastIndexOf('\n\n');
    if (cut < 0) return null;
    var text = msg.slice(0, cut + 1), lines = msg.slice(cut + 2).split('\n');
    for (var i = 0; i < lines.length; i++) {
      var m = /^\u2014 (\S+) (\S+)$/.exec(lines[i]);
      if (!m || m[1] !== key.name) continue;
      var sig = b64(m[2]);
      if (sig.length !== 68) continue;
      var h = ((sig[0] << 24) | (sig[1] << 16) | (sig[2] << 8) | sig[3]) >>> 0;
      if (h !== key.hash) continue;
      if (await crypto.subtle.verify({ name: 'Ed25519' }, key.pub, sig.slice(4), enc.encode(text))) return text;
    }
    return null;
  }

  // A checkpoint's body: origin, size, base64 root.
  function parseCheckpoint(text) {
    var l = text.split('\n');
    if (l.length < 4 || !/^[0-9]+$/.test(l[1])) return null;
    return { origin: l[0], size: parseInt(l[1], 10), root: b64(l[2]) };
  }

  // tlog.CheckRecord: runs proof p from the leaf of record n up to the
  // root of a tree of size records.
  function maxpow2(n) { var k = 1; while (k * 2 < n) k *= 2; return k; }
  async function runProof(p, lo, hi, n, leaf) {
    if (hi - lo === 1) {
      if (p.length !== 0) throw new Error('proof');
      return leaf;
    }
    if (p.length === 0) throw new Error('proof');
    var k = maxpow2(hi - lo), last = p[p.length - 1], rest = p.slice(0, p.length - 1);
    if (n < lo + k) return nodeHash(await runProof(rest, lo, lo + k, n, leaf), last);
    return nodeHash(last, await runProof(rest, lo + k, hi, n, leaf));
  }
  async function included(proof, cp, n, data) {
    if (n < 0 || n >= cp.size) return false;
    try {
      var root = await runProof(proof.map(b64), 0, cp.size, n, await recordHash(data));
      return equal(root, cp.root);
    } catch (e) {
      return false;
    }
  }

  // checkProof checks one proof document ({n, record, checkpoint, proof}):
  // signature, then inclusion. It reports each step.
  async function checkProof(doc, key, step) {
    var text = await openNote(doc.checkpoint || '', key);
    step('signature', !!text);
    if (!text) return null;
    var cp = parseCheckpoint(text);
    if (!cp || cp.origin !== key.name) { step('signature', false); return null; }
    var data = enc.encode(doc.record);
    step('hash', true, hex(await recordHash(data)).slice(0, 16) + '…');
    var ok = await included(doc.proof || [], cp, doc.n, data);
    step('proof', ok, String(cp.size));
    return ok ? cp : null;
  }

  async function fetchJSON(path) {
    var r = await fetch(path, { cache: 'no-store' });
    if (!r.ok) throw new Error(out.dataset.fetch + ' ' + path + ': ' + r.status);
    return r.json();
  }

  async function run(ev) {
    ev.preventDefault();
    var steps = document.getElementById('periksa-steps'), verdict = document.getElementById('periksa-verdict');
    out.hidden = false;
    steps.textContent = '';
    verdict.className = '';
    verdict.removeAttribute('data-result');
    verdict.textContent = out.dataset.running;
    var allOK = true;
    function step(name, ok, extra) {
      var li = document.createElement('li');
      li.className = ok ? 'ok' : 'notice';
      li.textContent = (ok ? '✓ ' : '✗ ') + out.dataset['step' + name.charAt(0).toUpperCase() + name.slice(1)] + (extra ? ' (' + extra + ')' : '');
      steps.appendChild(li);
      if (!ok) allOK = false;
    }
    function done() {
      verdict.className = allOK ? 'ok' : 'notice';
      verdict.textContent = allOK ? out.dataset.ok : out.dataset.bad;
      verdict.setAttribute('data-result', allOK ? 'valid' : 'invalid');
    }
    try {
      if (!window.crypto || !crypto.subtle) throw new Error(out.dataset.unsupported);
      var key;
      try {
        key = await parseKey(document.getElementById('periksa-key').value.trim());
      } catch (e) {
        throw new Error(out.dataset.unsupported + ' (' + e.message + ')');
      }
      var doc = null, text = document.getElementById('periksa-receipt-text').value.trim();
      var file = document.getElementById('periksa-receipt').files[0];
      if (file) text = await file.text();
      if (text) {
        doc = JSON.parse(text);
      } else {
        var n = document.getElementById('periksa-n').value.trim();
        if (!/^[0-9]+$/.test(n)) { verdict.textContent = out.dataset.need; return; }
        doc = await fetchJSON('/ledger/proof/' + n);
      }
      document.getElementById('periksa-record').textContent = doc.record || '';
      var cp = await checkProof(doc, key, step);
      if (cp && text) {
        // A receipt: is its record still in today's log? The log's
        // current proof for the same record number must hold the same
        // bytes, under a signed tree at least as large.
        var now = await fetchJSON('/ledger/proof/' + doc.n);
        var curOK = true;
        var cur = await checkProof(now, key, function (name, ok) { if (!ok) curOK = false; });
        step('still', curOK && !!cur && now.record === doc.record && cur.size >= cp.size, cur ? String(cur.size) : '');
        if (doc.commitment && doc.salt) {
          var c = hex(await sha256(enc.encode('bursa-commit-v1\n' + doc.salt + '\napplication\n' + doc.seeker_id + '\n' + doc.vacancy_id)));
          step('same', c === doc.commitment && doc.record.indexOf('"' + c + '"') >= 0);
        }
      }
      done();
    } catch (e) {
      allOK = false;
      done();
      var li = document.createElement('li');
      li.className = 'notice';
      li.textContent = e.message;
      steps.appendChild(li);
    }
  }
  form.addEventListener('submit', run);
  // Opened with ?n=N (from a record's page): check at once.
  if (document.getElementById('periksa-n').value) form.requestSubmit();
})();
