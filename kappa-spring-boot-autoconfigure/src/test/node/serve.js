// serve.js: a Node hypercore 11 writer serving its core over plain TCP (the tests follow it from kappa).
// usage: node serve.js [--n 1000] [--compat] [--seed 01] [--dir D] [--size S]
// prints {"port","key","length"}; then reads commands on stdin, one per line, answering each with {"length","fork"}:
//   append K      appends K blocks "entry-i" (one signature per batch of 100; padded with '.' to S bytes if --size)
//   truncate L    truncates the core to L blocks (the fork id goes up)
const net = require('net'), fs = require('fs'), path = require('path'), readline = require('readline')
const Hypercore = require('hypercore'), crypto = require('hypercore-crypto')
const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i > 0 ? process.argv[i + 1] : d }
const N = +arg('n', 1000), SIZE = +arg('size', 0), dir = arg('dir', path.join(__dirname, 'data', 'serve-' + process.pid))
const keyPair = crypto.keyPair(Buffer.alloc(32, parseInt(arg('seed', '01'), 16)))
async function append (core, k) {
  for (let i = 0; i < k; i += 100) {
    const batch = []
    for (let j = 0; j < Math.min(100, k - i); j++) batch.push(Buffer.from(('entry-' + (core.length + j)).padEnd(SIZE, '.')))
    await core.append(batch)
  }
}
async function main () {
  fs.rmSync(dir, { recursive: true, force: true })
  const core = new Hypercore(dir, { keyPair, compat: process.argv.includes('--compat') })
  await core.ready()
  await append(core, N)
  const srv = net.createServer(sock => {
    sock.setNoDelay(true)
    const s = core.replicate(false)
    s.pipe(sock).pipe(s)
    s.on('error', e => console.error('stream error', e.message))
    sock.on('error', () => {})
  })
  srv.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: srv.address().port, key: core.key.toString('hex'), length: core.length })))
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const [cmd, n] = line.trim().split(/\s+/)
    if (cmd === 'append') await append(core, +n)
    else if (cmd === 'truncate') await core.truncate(+n)
    console.log(JSON.stringify({ length: core.length, fork: core.fork }))
  }
  process.exit(0)
}
main().catch(e => { console.error(e); process.exit(1) })
