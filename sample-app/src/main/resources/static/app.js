// Polls /api/status twice a second and redraws the tables; the form appends through POST /entries.
'use strict';

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  if (className) td.className = className;
  return td;
}

function bar(percent) {
  const td = document.createElement('td');
  const outer = document.createElement('span');
  outer.className = 'bar';
  const inner = document.createElement('span');
  inner.style.width = percent + '%';
  outer.appendChild(inner);
  td.appendChild(outer);
  td.appendChild(document.createTextNode(' ' + percent + '%'));
  td.className = 'progress';
  return td;
}

function fill(id, rows, toCells) {
  const body = document.getElementById(id);
  body.replaceChildren(...rows.map(row => {
    const tr = document.createElement('tr');
    toCells(row).forEach(td => tr.appendChild(td));
    return tr;
  }));
}

async function refresh() {
  try {
    const status = await (await fetch('api/status')).json();
    fill('views', status.views, v => [cell(v.name), cell(v.version), cell(v.state, 'state'), bar(v.percent),
      cell(v.processed + ' / ' + v.total + (v.lastError ? ' ' + v.lastError : ''), v.lastError ? 'error' : '')]);
    fill('kv', status.kv, r => [cell(r.key, 'key'), cell(r.value, 'value')]);
    fill('logs', status.logs, l => [cell(l.key, 'log-key'), cell(l.length), cell(l.writable ? 'local' : 'replica')]);
    fill('peers', status.peers, p => [cell(p.address), cell(p.state + (p.nextAttempt ? ' until ' + p.nextAttempt : '')),
      bar(p.percent), cell(p.received + ' / ' + p.announced), cell(p.sent), cell(p.lastError, 'error')]);
  } catch (e) {
    document.getElementById('message').textContent = 'status unavailable: ' + e;
  }
}

let nextId = Date.now();
document.getElementById('append').addEventListener('submit', async event => {
  event.preventDefault();
  const put = { id: nextId++, key: document.getElementById('key').value, value: document.getElementById('value').value };
  const answer = await fetch('entries', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(put) });
  const message = document.getElementById('message');
  if (answer.ok) {
    const appended = await answer.json();
    message.textContent = 'appended as entry ' + appended.seq;
    event.target.reset();
  } else {
    message.textContent = 'not appended: ' + await answer.text();
  }
  refresh();
});

refresh();
setInterval(refresh, 500);
