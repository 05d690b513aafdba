#!/usr/bin/env python3
"""Makes the generated Kotlin reuse one call-status structure per thread.

UniFFI 0.32's Kotlin template allocates a fresh JNA `Structure` (the call
status, which holds a nested `RustBuffer.ByValue`) for every FFI call. On the
JVM that allocation costs 6-7 us, more than the call itself, and a method
makes two calls (clone the handle, then the method). This rewrites the one
helper every call goes through, `uniffiRustCallWithError`, so that each
thread keeps one status and resets it before a call. A call made from inside
a call on the same thread (a foreign callback calling back into Rust) finds
the slot empty and allocates, so nested calls never share a status.

The rewrite is exact: the helper must appear once, word for word, or this
script fails and the build stops, so a UniFFI upgrade that changes the
template is noticed at once (ADR 0007).

    python3 scripts/kotlin_call_status.py path/to/generated.kt
"""

import sys

ORIGINAL = """private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    var status = UniffiRustCallStatus()
    val return_value = callback(status)
    uniffiCheckCallStatus(errorHandler, status)
    return return_value
}
"""

REPLACEMENT = """private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    // Patched by scripts/kotlin_call_status.py: one reused status per thread.
    val status = UniffiCallStatusSlot.take()
    try {
        val return_value = callback(status)
        uniffiCheckCallStatus(errorHandler, status)
        return return_value
    } finally {
        UniffiCallStatusSlot.give(status)
    }
}

// One idle call status per thread. `take` empties the slot, so a nested call
// on the same thread allocates its own; `give` puts a status back.
internal object UniffiCallStatusSlot {
    private val slot = ThreadLocal<UniffiRustCallStatus?>()

    fun take(): UniffiRustCallStatus {
        val status = slot.get() ?: return UniffiRustCallStatus()
        slot.set(null)
        status.code = UNIFFI_CALL_SUCCESS
        status.error_buf.capacity = 0
        status.error_buf.len = 0
        status.error_buf.data = null
        return status
    }

    fun give(status: UniffiRustCallStatus) {
        slot.set(status)
    }
}
"""


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    found = text.count(ORIGINAL)
    if found != 1:
        print(
            f"{path}: expected the UniFFI helper uniffiRustCallWithError once, "
            f"found it {found} times; the template changed, see ADR 0007",
            file=sys.stderr,
        )
        return 1
    if "class RustBuffer" not in text or "var capacity: Long" not in text:
        print(f"{path}: RustBuffer fields changed; see ADR 0007", file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(ORIGINAL, REPLACEMENT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
