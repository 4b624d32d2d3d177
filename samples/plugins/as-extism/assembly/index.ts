// An Extism plugin written with Extism's own AssemblyScript PDK (@extism/as-pdk), unmodified:
// it runs on Extism's runtime and on Windlass alike (see ../conformance).
import { Host, Var, Config, Memory } from "@extism/as-pdk";
import { error_set } from "@extism/as-pdk/lib/env";

// The PDK leaves abort to the plugin (asc --use abort=assembly/index/myAbort).
function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {
  unreachable();
}

// The PDK's Host.outputString allocates s.length bytes (UTF-16 code units), too few for UTF-8
// that is not ASCII; this allocates the encoded length.
function outputText(s: string): void {
  Host.output(Uint8Array.wrap(String.UTF8.encode(s)));
}

function isVowel(c: i32): bool {
  return c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6f || c == 0x75
      || c == 0x41 || c == 0x45 || c == 0x49 || c == 0x4f || c == 0x55;
}

// {"count": N, "total": T, "vowels": "aeiouAEIOU"}: T is the running total kept in the var "total".
export function count_vowels(): i32 {
  const text = Host.inputString();
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (isVowel(text.charCodeAt(i))) count++;
  }
  const previous = Var.getString("total");
  const total = (previous == null ? 0 : I32.parseInt(previous)) + count;
  Var.set("total", Uint8Array.wrap(String.UTF8.encode(total.toString())));
  outputText('{"count": ' + count.toString() + ', "total": ' + total.toString() + ', "vowels": "aeiouAEIOU"}');
  return 0;
}

// "<greeting>, <input>!": the greeting comes from the host's config ("greeting"), "Hello" without one.
export function greet(): i32 {
  const name = Host.inputString();
  const greeting = Config.get("greeting");
  outputText((greeting == null ? "Hello" : greeting) + ", " + name + "!");
  return 0;
}

// The input's bytes in reverse order (bytes in, bytes out: no UTF-8 involved).
export function reverse_bytes(): i32 {
  const input = Host.input();
  const out = new Uint8Array(input.length);
  for (let i = 0; i < input.length; i++) out[i] = input[input.length - 1 - i];
  Host.output(out);
  return 0;
}

// Fails with a message and status 1 when the input is empty, else answers its length.
export function must_have_input(): i32 {
  const input = Host.input();
  if (input.length == 0) {
    error_set(Memory.allocateString("input is empty").offset);
    return 1;
  }
  outputText(input.length.toString());
  return 0;
}
