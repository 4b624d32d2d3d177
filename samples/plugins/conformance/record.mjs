// Records what Extism's own runtime (@extism/extism under node) answers for the sample plugin
// built with Extism's AssemblyScript PDK (../wasm/vowels-extism.wasm), into answers.json, which
// samples' ExtismConformanceTest replays against Windlass. Re-record: npm ci && node record.mjs
// Each session is one plugin instance (vars persist across its calls, as under SHARED).
import createPlugin from "@extism/extism";
import { readFile, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const wasm = await readFile(here("../wasm/vowels-extism.wasm"));

const allPlanes = Array.from({ length: 17 }, (_, plane) => String.fromCodePoint(plane * 0x10000 + 0x41)).join("");
const kib = "abcdefghijklmnopqrstuvwxyz012345".repeat(32);
const bytes = (arr) => ({ base64: Buffer.from(arr).toString("base64") });
const text = (s) => ({ text: s });

const sessions = [
  {
    config: {},
    calls: [
      ["count_vowels", text("Hello, World!")],
      ["count_vowels", text("")],
      ["count_vowels", text("aeiou AEIOU xyz")],
      ["count_vowels", text(allPlanes + " héllo ünïcode")],
      ["count_vowels", text(kib)],
      ["greet", text("Windlass")],
      ["greet", text("")],
      ["greet", text("wörld 🌍")],
      ["reverse_bytes", bytes([])],
      ["reverse_bytes", bytes([0, 1, 2, 254, 255])],
      ["reverse_bytes", bytes(Array.from({ length: 256 }, (_, i) => i))],
      ["must_have_input", text("12345")],
      ["must_have_input", text("")],
      ["count_vowels", text("after an error")],
    ],
  },
  {
    config: { greeting: "Ahoy" },
    calls: [
      ["greet", text("sailor")],
      ["count_vowels", text("a fresh instance starts at zero")],
    ],
  },
];

function encode(buf) {
  const b = Buffer.from(buf);
  const s = b.toString("utf8");
  return Buffer.from(s, "utf8").equals(b) ? { text: s } : { base64: b.toString("base64") };
}

const recorded = [];
for (const session of sessions) {
  const plugin = await createPlugin({ wasm: [{ data: wasm }] }, { useWasi: false, config: session.config });
  const calls = [];
  for (const [fn, input] of session.calls) {
    // A fresh Uint8Array: a small Buffer is a view into node's shared pool, and the SDK passes
    // the view's whole underlying ArrayBuffer (offset 0) as the input.
    const data = Uint8Array.from(input.text !== undefined ? Buffer.from(input.text, "utf8") : Buffer.from(input.base64, "base64"));
    try {
      const out = await plugin.call(fn, data);
      calls.push({ export: fn, input, output: encode(out === null ? new Uint8Array() : out.bytes()) });
    } catch (e) {
      calls.push({ export: fn, input, error: String(e.message) });
    }
  }
  await plugin.close();
  recorded.push({ config: session.config, calls });
}

const runtime = JSON.parse(await readFile(here("node_modules/@extism/extism/package.json"))).version;
await writeFile(here("answers.json"), JSON.stringify({
  recordedWith: `@extism/extism ${runtime} on node ${process.version}`,
  plugin: "vowels-extism.wasm",
  sha256: createHash("sha256").update(wasm).digest("hex"),
  sessions: recorded,
}, null, 1) + "\n");
console.log(`recorded ${recorded.reduce((n, s) => n + s.calls.length, 0)} calls into answers.json`);
