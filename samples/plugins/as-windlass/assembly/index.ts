// An AssemblyScript plugin on the Windlass ABI, through the helper in ./windlass.ts. In Java:
//   @WasmPlugin("shout") interface Shout { String shout(String text); @WasmExport("word_count") int wordCount(String text); }
import { takeString, returnString, releaseReturn } from "./windlass";
export { cabi_realloc } from "./windlass";

// The text in capitals with "!" added: "hello" -> "HELLO!"
export function shout(ptr: usize, len: usize): usize {
  return returnString(takeString(ptr, len).toUpperCase() + "!");
}

export function cabi_post_shout(retptr: usize): void {
  releaseReturn();
}

// How many words (runs of characters other than space, tab and newline) the text has.
export function word_count(ptr: usize, len: usize): i32 {
  const text = takeString(ptr, len);
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
