#!/usr/bin/env bash
# Builds every sample plugin into wasm/ (committed, so running the samples needs no toolchain):
#   c/greet.c           -> wasm/greet-c.wasm       clang-19 --target=wasm32-wasi, a reactor
#   as-windlass/        -> wasm/shout-as.wasm      AssemblyScript, Windlass ABI helper
#   as-extism/          -> wasm/vowels-extism.wasm AssemblyScript, Extism's PDK (@extism/as-pdk)
#   wat/runaway.wat     -> wasm/runaway.wasm       wat2wasm
#   wat/hog.wat         -> wasm/hog.wasm           wat2wasm
# Installs what is missing: Debian's clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc wabt
# (apt-get, as root), and the npm packages pinned in each package.json (npm ci / npm install).
# Usage: samples/plugins/build.sh [c|as-windlass|as-extism|wat]...   (default: all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/wasm"
mkdir -p "$out"

need_apt() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing ${missing[*]} ..." >&2
        if [ "$(id -u)" -ne 0 ]; then
            echo "need root for: apt-get install ${missing[*]}" >&2
            exit 1
        fi
        apt-get update -qq && apt-get install -y -qq "${missing[@]}" >&2
    fi
}

npm_deps() {
    (cd "$1" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund -s; else npm install --no-audit --no-fund -s; fi) >&2
}

build_c() {
    command -v clang-19 >/dev/null && [ -f /usr/lib/wasm32-wasi/crt1-reactor.o ] \
        && [ -n "$(ls /usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a 2>/dev/null)" ] \
        || need_apt clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc
    clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-debug \
        -o "$out/greet-c.wasm" "$here/c/greet.c"
}

build_as_windlass() {
    npm_deps "$here/as-windlass"
    (cd "$here/as-windlass" && npx asc assembly/index.ts --outFile "$out/shout-as.wasm" \
        --use abort=assembly/windlass/trap -O3 --runtime incremental)
}

build_as_extism() {
    npm_deps "$here/as-extism"
    (cd "$here/as-extism" && npx asc assembly/index.ts --outFile "$out/vowels-extism.wasm" \
        --use abort=assembly/index/myAbort -O3 --runtime incremental)
}

build_wat() {
    command -v wat2wasm >/dev/null || need_apt wabt
    wat2wasm --debug-names "$here/wat/runaway.wat" -o "$out/runaway.wasm"
    wat2wasm --debug-names "$here/wat/hog.wat" -o "$out/hog.wasm"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(c as-windlass as-extism wat)
for t in "${targets[@]}"; do
    case "$t" in
        c) build_c ;;
        as-windlass) build_as_windlass ;;
        as-extism) build_as_extism ;;
        wat) build_wat ;;
        *) echo "unknown target $t (c, as-windlass, as-extism, wat)" >&2; exit 2 ;;
    esac
    echo "built $t" >&2
done
ls -l "$out"/*.wasm >&2
