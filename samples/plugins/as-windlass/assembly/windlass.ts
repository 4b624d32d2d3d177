// The Windlass ABI for AssemblyScript guests (docs/plugin-abi.md): the core-level lowering of
// the Component Model's canonical ABI for `string` and `list<u8>`, as wit-bindgen emits it.
// Export `cabi_realloc` from the entry file (`export { cabi_realloc } from "./windlass"`), take
// a string parameter as (ptr, len) and read it with `takeString`, give a string result with
// `returnString` and export `cabi_post_<export>` calling `releaseReturn`.

// The host allocates each argument here, then copies the bytes in. Blocks come from the
// runtime's heap (TLSF), which the garbage collector does not touch.
export function cabi_realloc(oldPtr: usize, oldLen: usize, align: usize, newLen: usize): usize {
  const size: usize = newLen == 0 ? <usize>1 : newLen; // the host asks for 0 bytes too; any valid pointer will do
  return oldPtr == 0 ? heap.alloc(size) : heap.realloc(oldPtr, size);
}

// A string argument: decodes the UTF-8 the host wrote and frees it (the callee owns its arguments).
export function takeString(ptr: usize, len: usize): string {
  const s = String.UTF8.decodeUnsafe(ptr, len);
  heap.free(ptr);
  return s;
}

// A bytes argument, copied out of the block the host wrote, which is freed.
export function takeBytes(ptr: usize, len: usize): Uint8Array {
  const out = new Uint8Array(<i32>len);
  memory.copy(out.dataStart, ptr, len);
  heap.free(ptr);
  return out;
}

// The return area: 8 bytes, 4-aligned, holding (ptr: u32, len: u32) of the result.
const RETURN_AREA: usize = memory.data(8, 4);
// The result's bytes stay reachable (so the collector keeps them) until the host has copied them.
let returned: ArrayBuffer | null = null;

// A string result: encodes it as UTF-8, keeps it alive, and returns the return area's address.
export function returnString(s: string): usize {
  return returnBuffer(String.UTF8.encode(s));
}

// A bytes result.
export function returnBytes(bytes: Uint8Array): usize {
  return returnBuffer(bytes.slice().buffer);
}

function returnBuffer(buffer: ArrayBuffer): usize {
  returned = buffer;
  store<u32>(RETURN_AREA, <u32>changetype<usize>(buffer));
  store<u32>(RETURN_AREA, <u32>buffer.byteLength, 4);
  return RETURN_AREA;
}

// Call from each `cabi_post_<export>`: the host has copied the result, which may now be collected.
export function releaseReturn(): void {
  returned = null;
}

// asc --use abort=assembly/windlass/trap: an AssemblyScript abort (a failed assertion, an index
// out of range) becomes a trap, which the host reports with a backtrace, rather than an import.
export function trap(message: string | null, fileName: string | null, line: u32, column: u32): void {
  unreachable();
}
