// Downloads, verifies and prints a kappa-spring log over hypercore, then keeps following it live.
// usage: npm ci && node read-log.mjs HOST:PORT LOG_KEY          (LOG_KEY as GET /logs lists it)
import net from 'net'
import Hypercore from 'hypercore'
const [address, key] = process.argv.slice(2), [host, port] = address.split(':')
const core = new Hypercore('./data/' + key, Buffer.from(key, 'hex'))  // compat core: key = the log's public key
const stream = core.replicate(true)
stream.pipe(net.connect(+port, host)).pipe(stream)
for await (const block of core.createReadStream({ live: true })) {    // each block verified against the signed tree
  const t = block[1], type = block.subarray(2, 2 + t).toString()      // kappa envelope: version, type, time, JSON
  console.log(JSON.stringify({ type, value: JSON.parse(block.subarray(10 + t).toString()) }))
}
