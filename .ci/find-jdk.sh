# Sourced by .ci/run and ./windlass: exports JAVA_HOME pointing at a JDK >= 25, or exits with a message.
# Order: $JAVA_HOME, then /usr/lib/jvm/temurin-25-jdk-amd64.

windlass_jdk_feature() {
    # The feature release of the JDK at $1 (e.g. 25), or nothing if it is not a JDK.
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

windlass_find_jdk() {
    local candidate feature
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
        [ -n "$candidate" ] || continue
        feature=$(windlass_jdk_feature "$candidate")
        if [ -n "$feature" ] && [ "$feature" -ge 25 ]; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "error: Windlass needs a JDK >= 25. Set JAVA_HOME to one (tried: JAVA_HOME='${JAVA_HOME:-}'," \
         "/usr/lib/jvm/temurin-25-jdk-amd64)." >&2
    exit 1
}

windlass_find_jdk
