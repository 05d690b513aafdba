// Golden snapshots of screen states: each state is written as stable, pretty
// JSON and compared with android/presenter/src/test/resources/golden/NAME.json.
// A difference fails with a diff; UPDATE_GOLDEN=1 rewrites the files. They are
// the screens' "screenshots" in review.
package app.painschool.presenter

import java.io.File
import java.time.Instant
import kotlin.reflect.KClass
import kotlin.reflect.full.memberProperties
import kotlin.reflect.full.primaryConstructor
import kotlin.reflect.jvm.isAccessible

/** A tiny deterministic JSON encoder for states (data classes, lists, enums, strings, numbers). */
object Json {
    fun encode(value: Any?): String = StringBuilder().also { write(it, value, 0) }.append('\n').toString()

    private fun write(out: StringBuilder, value: Any?, depth: Int) {
        when (value) {
            null -> out.append("null")
            is String -> string(out, value)
            is Boolean, is Int, is Long, is Short, is Byte -> out.append(value.toString())
            is UInt, is ULong, is UShort, is UByte -> out.append(value.toString())
            is Float, is Double -> out.append(value.toString())
            is Enum<*> -> string(out, value.name)
            is Instant -> string(out, value.toString())
            is ByteArray -> obj(out, listOf("bytes" to value.size), depth)
            is Throwable -> string(out, value::class.simpleName ?: "Throwable")
            is Map<*, *> -> obj(out, value.entries.map { it.key.toString() to it.value }.sortedBy { it.first }, depth)
            is Iterable<*> -> array(out, value.toList(), depth)
            is Array<*> -> array(out, value.toList(), depth)
            else -> {
                val k: KClass<*> = value::class
                val instance = k.objectInstance
                when {
                    instance != null -> string(out, k.simpleName ?: "object")
                    k.isData || k.primaryConstructor != null && sealedParent(k) -> obj(out, fields(value, k), depth)
                    else -> string(out, value.toString())
                }
            }
        }
    }

    private fun sealedParent(k: KClass<*>): Boolean = k.supertypes.any { (it.classifier as? KClass<*>)?.isSealed == true }

    /** The primary constructor's properties, in declaration order; a sealed subtype's name first. */
    private fun fields(value: Any, k: KClass<*>): List<Pair<String, Any?>> {
        val props = k.memberProperties.associateBy { it.name }
        val names = k.primaryConstructor?.parameters?.mapNotNull { it.name }.orEmpty()
        val type = if (sealedParent(k)) listOf("type" to (k.simpleName ?: "")) else emptyList()
        return type + names.mapNotNull { n ->
            val p = props[n] ?: return@mapNotNull null
            p.isAccessible = true
            n to p.getter.call(value)
        }
    }

    private fun obj(out: StringBuilder, fields: List<Pair<String, Any?>>, depth: Int) {
        if (fields.isEmpty()) { out.append("{}"); return }
        out.append("{\n")
        fields.forEachIndexed { i, (k, v) ->
            indent(out, depth + 1)
            string(out, k)
            out.append(": ")
            write(out, v, depth + 1)
            if (i < fields.size - 1) out.append(',')
            out.append('\n')
        }
        indent(out, depth)
        out.append('}')
    }

    private fun array(out: StringBuilder, items: List<Any?>, depth: Int) {
        if (items.isEmpty()) { out.append("[]"); return }
        out.append("[\n")
        items.forEachIndexed { i, v ->
            indent(out, depth + 1)
            write(out, v, depth + 1)
            if (i < items.size - 1) out.append(',')
            out.append('\n')
        }
        indent(out, depth)
        out.append(']')
    }

    private fun indent(out: StringBuilder, depth: Int) {
        repeat(depth) { out.append("  ") }
    }

    private fun string(out: StringBuilder, s: String) {
        out.append('"')
        for (c in s) {
            when (c) {
                '"' -> out.append("\\\"")
                '\\' -> out.append("\\\\")
                '\n' -> out.append("\\n")
                '\r' -> out.append("\\r")
                '\t' -> out.append("\\t")
                else -> if (c < ' ') out.append("\\u%04x".format(c.code)) else out.append(c)
            }
        }
        out.append('"')
    }
}

/** Compares states with their golden files. */
object Golden {
    private val update = System.getenv("UPDATE_GOLDEN") == "1"

    /** The golden folder: `-Dpainschool.golden=…`, else found from the repository root or the module. */
    val dir: File by lazy {
        System.getProperty("painschool.golden")?.let { return@lazy File(it) }
        listOf("android/presenter/src/test/resources/golden", "src/test/resources/golden")
            .map(::File).firstOrNull { it.isDirectory } ?: File("android/presenter/src/test/resources/golden")
    }

    /** Fails with a diff when `state` is not what `<screen>-<case>.json` holds. */
    fun check(name: String, state: Any?) {
        val actual = Json.encode(state)
        val file = File(dir, "$name.json")
        if (update) {
            dir.mkdirs()
            if (!file.exists() || file.readText() != actual) {
                file.writeText(actual)
                System.err.println("golden written: ${file.path}")
            }
            return
        }
        if (!file.exists()) throw AssertionError("no golden file ${file.path}; run with UPDATE_GOLDEN=1 to write it\n$actual")
        val expected = file.readText()
        if (expected != actual) {
            throw AssertionError("${file.path} differs (- golden, + now; UPDATE_GOLDEN=1 accepts the change):\n" + diff(expected, actual))
        }
    }

    /** A line diff with two lines of context (longest common subsequence). */
    fun diff(a: String, b: String): String {
        val x = a.lines()
        val y = b.lines()
        val lcs = Array(x.size + 1) { IntArray(y.size + 1) }
        for (i in x.indices.reversed()) for (j in y.indices.reversed()) {
            lcs[i][j] = if (x[i] == y[j]) lcs[i + 1][j + 1] + 1 else maxOf(lcs[i + 1][j], lcs[i][j + 1])
        }
        val ops = mutableListOf<Pair<Char, String>>()
        var i = 0
        var j = 0
        while (i < x.size || j < y.size) {
            when {
                i < x.size && j < y.size && x[i] == y[j] -> { ops += ' ' to x[i]; i++; j++ }
                i < x.size && (j == y.size || lcs[i + 1][j] >= lcs[i][j + 1]) -> { ops += '-' to x[i]; i++ }
                else -> { ops += '+' to y[j]; j++ }
            }
        }
        val keep = BooleanArray(ops.size)
        ops.forEachIndexed { k, (op, _) -> if (op != ' ') for (c in (k - 2)..(k + 2)) if (c in ops.indices) keep[c] = true }
        val out = StringBuilder()
        var skipped = false
        ops.forEachIndexed { k, (op, line) ->
            if (keep[k]) {
                if (skipped) out.append("  …\n")
                skipped = false
                out.append(op).append(' ').append(line).append('\n')
            } else skipped = true
        }
        return out.toString()
    }
}
