// Serves a Node hypercore (compat) that kappa-spring can follow: N kappa 'put' entries, then one more a second.
// usage: npm ci && node serve-core.mjs [PORT] [N]    then run kappa with --kappa.hypercore.peers=tcp://127.0.0.1:PORT --kappa.hypercore.follow=KEY
import net from 'net'
import Hypercore from 'hypercore'
const [port = 0, n = 1000] = process.argv.slice(2).map(Number)
const core = new Hypercore(process.env.CORE_DIR ?? './data/served', { compat: true })  // compat: key = the writer's public key
const put = i => { const type = Buffer.from('put'), head = Buffer.alloc(10 + type.length); head[0] = 1; head[1] = type.length  // kappa envelope:
  type.copy(head, 2); head.writeBigInt64LE(BigInt(Date.now()) * 1000n, 2 + type.length)                  // version, type, time, JSON
  return Buffer.concat([head, Buffer.from(JSON.stringify({ id: i, key: 'node-' + i, value: 'from node' }))]) }
await core.ready(); if (core.length === 0) await core.append(Array.from({ length: n }, (_, i) => put(i)))
net.createServer(socket => { const s = core.replicate(false); s.pipe(socket).pipe(s); s.on('error', () => {}) })
  .listen(port, '127.0.0.1', function () { console.log(JSON.stringify({ port: this.address().port, key: core.key.toString('hex'), length: core.length })) })
setInterval(() => core.append(put(core.length)), 1000)
