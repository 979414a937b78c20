// store-read.js: Corestore 7 reads several cores over ONE connection (store.replicate), as Node apps do.
// usage: node store-read.js --port P --keys HEX,HEX,... --n N [--dir D]
// prints {"phase":"read","cores":[{key,length,digest}...]} with digest as in read.js.
const net = require('net'), fs = require('fs'), path = require('path'), crypto = require('crypto')
const Corestore = require('corestore')
const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i > 0 ? process.argv[i + 1] : d }
const N = +arg('n'), port = +arg('port'), keys = arg('keys').split(',')
const dir = arg('dir', path.join(__dirname, 'data', 'store-' + process.pid))
async function main () {
  fs.rmSync(dir, { recursive: true, force: true })
  const store = new Corestore(dir)
  const cores = keys.map(k => store.get({ key: Buffer.from(k, 'hex') }))
  await Promise.all(cores.map(c => c.ready()))
  const sock = net.connect(port, '127.0.0.1')
  sock.setNoDelay(true)
  const s = store.replicate(true)
  s.pipe(sock).pipe(s)
  s.on('error', e => console.error('stream error', e.message))
  const out = []
  for (const core of cores) {
    while (core.length < N) await core.update({ wait: true })
    await core.download({ start: 0, end: N }).done()
    const h = crypto.createHash('sha256')
    for (let i = 0; i < N; i++) {
      const v = await core.get(i, { wait: false })
      const len = Buffer.alloc(4); len.writeUInt32LE(v.byteLength); h.update(len); h.update(v)
    }
    out.push({ key: core.key.toString('hex'), length: core.length, digest: h.digest('hex') })
  }
  console.log(JSON.stringify({ phase: 'read', cores: out }))
  sock.destroy(); await store.close()
}
main().catch(e => { console.error(e); process.exit(1) })
