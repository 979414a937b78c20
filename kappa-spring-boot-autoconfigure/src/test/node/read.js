// read.js: a Node hypercore 11 reader of one core served over TCP (kappa's hypercore server in the tests).
// usage: node read.js --port P --key HEX --n N [--sparse] [--more M] [--dir D]
// Opens new Hypercore(dir, key) (compat: the key is the writer's Ed25519 public key), downloads and verifies N blocks
// (--sparse: get the last and the middle block first), prints {"phase":"read",...}; with --more M it then waits,
// connected, until the writer has appended M more, downloads those and prints {"phase":"live",...}.
// digest = sha256 over (u32le length ‖ value) of every block, in order.
const net = require('net'), fs = require('fs'), path = require('path'), crypto = require('crypto')
const Hypercore = require('hypercore')
const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i > 0 ? process.argv[i + 1] : d }
const N = +arg('n'), more = +arg('more', 0), port = +arg('port'), key = Buffer.from(arg('key'), 'hex')
const dir = arg('dir', path.join(__dirname, 'data', 'read-' + process.pid))
async function digest (core, length) {
  const h = crypto.createHash('sha256')
  for (let i = 0; i < length; i++) {
    const v = await core.get(i, { wait: false })
    if (v === null) throw new Error('block ' + i + ' missing after download')
    const len = Buffer.alloc(4); len.writeUInt32LE(v.byteLength); h.update(len); h.update(v)
  }
  return h.digest('hex')
}
async function main () {
  fs.rmSync(dir, { recursive: true, force: true })
  const core = new Hypercore(dir, key)
  await core.ready()
  const sock = net.connect(port, '127.0.0.1')
  sock.setNoDelay(true)
  const s = core.replicate(true)
  s.pipe(sock).pipe(s)
  s.on('error', e => console.error('stream error', e.message))
  const t = Date.now()
  if (process.argv.includes('--sparse')) {
    await core.get(N - 1); await core.get(N >> 1)
  }
  while (core.length < N) await core.update({ wait: true })
  await core.download({ start: 0, end: N }).done()
  console.log(JSON.stringify({ phase: 'read', length: core.length, contiguousLength: core.contiguousLength,
    digest: await digest(core, N), ms: Date.now() - t }))
  if (more > 0) {
    while (core.length < N + more) await new Promise(resolve => core.once('append', resolve))
    await core.download({ start: N, end: N + more }).done()
    console.log(JSON.stringify({ phase: 'live', length: core.length, digest: await digest(core, N + more) }))
  }
  sock.destroy(); await core.close()
}
main().catch(e => { console.error(e); process.exit(1) })
