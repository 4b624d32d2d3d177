'use strict';
// V8's side of the differential tests (V8Side.java): one long-lived node process runs many
// modules. Requests arrive on stdin as frames: u32 LE header length, header (JSON), u32 LE
// payload length, payload (the module's bytes for "instantiate", empty otherwise). Each request
// gets one JSON line on stdout. Values cross as raw bits in unsigned decimal strings, so NaN
// payloads, -0 and all 64 bits of an i64 survive.
//
//   {"op":"instantiate","id":N,"loggers":[{"module":M,"name":L,"params":["i32",...]}]} + bytes
//       -> {"ok":true} | {"trap":MESSAGE} | {"error":MESSAGE}
//   {"op":"call","id":N,"export":E,"params":[...],"args":[...],"results":[...]}
//       -> {"results":[BITS...],"log":[[NAME,[BITS...]]...]} | {"trap":MESSAGE,"log":...}
//          | {"exhausted":MESSAGE,"log":...} | {"error":MESSAGE,"log":...}
//   {"op":"forget","id":N} -> {"ok":true}

const instances = new Map();
let log = [];
const scratch = new DataView(new ArrayBuffer(8));

function fromBits(type, bits) {
  const value = BigInt(bits);
  switch (type) {
    case 'i32': return Number(BigInt.asIntN(32, value));
    case 'i64': return BigInt.asIntN(64, value);
    case 'f32': scratch.setUint32(0, Number(BigInt.asUintN(32, value)), true); return scratch.getFloat32(0, true);
    case 'f64': scratch.setBigUint64(0, BigInt.asUintN(64, value), true); return scratch.getFloat64(0, true);
    default: throw new Error('not a number type: ' + type);
  }
}

function toBits(type, value) {
  switch (type) {
    case 'i32': return String(value >>> 0);
    case 'i64': return BigInt.asUintN(64, value).toString();
    case 'f32': scratch.setFloat32(0, value, true); return String(scratch.getUint32(0, true));
    case 'f64': scratch.setFloat64(0, value, true); return scratch.getBigUint64(0, true).toString();
    default: throw new Error('not a number type: ' + type);
  }
}

function failure(e) {
  if (e instanceof WebAssembly.RuntimeError) return { trap: e.message };
  if (e instanceof RangeError && /call stack/i.test(e.message)) return { exhausted: e.message };
  return { error: String(e) };
}

function instantiate(header, bytes) {
  const imports = {};
  for (const logger of header.loggers) {
    imports[logger.module] = imports[logger.module] || {};
    imports[logger.module][logger.name] = (...args) => {
      log.push([logger.name, args.map((arg, i) => toBits(logger.params[i], arg))]);
    };
  }
  try {
    const module = new WebAssembly.Module(bytes);
    instances.set(header.id, new WebAssembly.Instance(module, imports));
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

function call(header) {
  const instance = instances.get(header.id);
  if (!instance) return { error: 'no instance ' + header.id };
  log = [];
  let reply;
  try {
    const args = header.args.map((bits, i) => fromBits(header.params[i], bits));
    const returned = instance.exports[header.export](...args);
    const values = header.results.length === 1 ? [returned] : header.results.length === 0 ? [] : returned;
    reply = { results: header.results.map((type, i) => toBits(type, values[i])) };
  } catch (e) {
    reply = failure(e);
  }
  reply.log = log;
  log = [];
  return reply;
}

function handle(header, payload) {
  switch (header.op) {
    case 'instantiate': return instantiate(header, payload);
    case 'call': return call(header);
    case 'forget': instances.delete(header.id); return { ok: true };
    default: return { error: 'unknown op ' + header.op };
  }
}

let pending = Buffer.alloc(0);
process.stdin.on('data', chunk => {
  pending = Buffer.concat([pending, chunk]);
  for (;;) {
    if (pending.length < 4) return;
    const headerLength = pending.readUInt32LE(0);
    if (pending.length < 8 + headerLength) return;
    const payloadLength = pending.readUInt32LE(4 + headerLength);
    const end = 8 + headerLength + payloadLength;
    if (pending.length < end) return;
    const header = JSON.parse(pending.subarray(4, 4 + headerLength).toString('utf8'));
    const payload = pending.subarray(8 + headerLength, end);
    pending = pending.subarray(end);
    process.stdout.write(JSON.stringify(handle(header, payload)) + '\n');
  }
});
process.stdin.on('end', () => process.exit(0));
