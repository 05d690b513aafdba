// The course's Markdown as blocks the section screen draws: headings,
// paragraphs, bullet and numbered list items, quotes, with bold and italic
// spans. The content uses CommonMark's small everyday part (headings, lists,
// bold: docs/content-format.md), so the app renders it itself rather than
// through a library: this parser is plain Kotlin, tested on the JVM against
// every Markdown file in content/ (MarkdownBlocksTest), and the screen marks
// headings as headings for TalkBack. Anything it does not know stays text;
// it never throws.
package app.painschool.app

/** A run of text with its emphasis. */
data class MdSpan(val text: String, val bold: Boolean = false, val italic: Boolean = false)

/** One block of a Markdown text. */
sealed interface MdBlock {
    /** All the block's text, for TalkBack and tests. */
    val spans: List<MdSpan>

    /** `#` to `######`. */
    data class Heading(val level: Int, override val spans: List<MdSpan>) : MdBlock

    /** Lines of text up to a blank line. */
    data class Paragraph(override val spans: List<MdSpan>) : MdBlock

    /** A list item: `marker` is "•" for `-`, `*`, `+`, or the number with its dot ("2."). */
    data class ListItem(val marker: String, val depth: Int, override val spans: List<MdSpan>) : MdBlock

    /** `> ` lines. */
    data class Quote(override val spans: List<MdSpan>) : MdBlock
}

private val HEADING = Regex("^(#{1,6})\\s+(.*?)\\s*#*\\s*$")
private val BULLET = Regex("^(\\s*)[-*+]\\s+(.*)$")
private val NUMBERED = Regex("^(\\s*)(\\d{1,9})[.)]\\s+(.*)$")
private val QUOTE = Regex("^\\s{0,3}>\\s?(.*)$")
private val RULE = Regex("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$")

/** The blocks of `markdown`. */
fun parseMarkdown(markdown: String): List<MdBlock> {
    val blocks = mutableListOf<MdBlock>()
    // The lines of the block being read, and how it becomes a block.
    var pending: MutableList<String>? = null
    var kind: (List<MdSpan>) -> MdBlock = { MdBlock.Paragraph(it) }
    var quoting = false
    fun flush() {
        pending?.let { lines -> blocks += kind(inline(lines.joinToString(" "))) }
        pending = null
        quoting = false
    }
    fun start(line: String, make: (List<MdSpan>) -> MdBlock) {
        flush()
        pending = mutableListOf(line)
        kind = make
    }
    for (raw in markdown.replace("\r\n", "\n").split('\n')) {
        val line = raw.trimEnd()
        val heading = HEADING.find(line)
        val bullet = BULLET.find(line)
        val numbered = NUMBERED.find(line)
        val quote = QUOTE.find(line)
        when {
            line.isBlank() || RULE.matches(line) -> flush()
            heading != null -> {
                flush()
                blocks += MdBlock.Heading(heading.groupValues[1].length, inline(heading.groupValues[2]))
            }
            bullet != null -> start(bullet.groupValues[2]) { MdBlock.ListItem("•", depth(bullet.groupValues[1]), it) }
            numbered != null -> start(numbered.groupValues[3]) {
                MdBlock.ListItem("${numbered.groupValues[2]}.", depth(numbered.groupValues[1]), it)
            }
            quote != null -> if (pending != null && quoting) {
                pending?.add(quote.groupValues[1])
            } else {
                start(quote.groupValues[1]) { MdBlock.Quote(it) }
                quoting = true
            }
            // A continuation line: part of the pending paragraph or list item.
            pending != null -> pending?.add(line.trim())
            else -> start(line.trim()) { MdBlock.Paragraph(it) }
        }
    }
    flush()
    return blocks
}

/** Nesting from indentation: two or more spaces (or a tab) per level. */
private fun depth(indent: String): Int = indent.replace("\t", "    ").length / 2

/**
 * Bold (`**x**`, `__x__`) and italic (`*x*`, `_x_`) spans; `[text](url)` keeps its
 * text, `` `code` `` its letters, a backslash escapes the next character. An
 * unmatched marker stays as it is.
 */
fun inline(text: String): List<MdSpan> {
    val spans = mutableListOf<MdSpan>()
    val current = StringBuilder()
    var bold = false
    var italic = false
    fun emit() {
        if (current.isNotEmpty()) {
            val last = spans.lastOrNull()
            if (last != null && last.bold == bold && last.italic == italic) {
                spans[spans.size - 1] = last.copy(text = last.text + current)
            } else {
                spans += MdSpan(current.toString(), bold, italic)
            }
            current.clear()
        }
    }
    var i = 0
    while (i < text.length) {
        val c = text[i]
        val next = text.getOrNull(i + 1)
        when {
            c == '\\' && next != null && !next.isLetterOrDigit() -> { current.append(next); i += 2 }
            (c == '*' || c == '_') && next == c && (bold || text.indexOf("$c$c", i + 2) > i + 2) -> {
                emit(); bold = !bold; i += 2
            }
            (c == '*' || c == '_') && opensOrClosesItalic(text, i, italic) -> { emit(); italic = !italic; i += 1 }
            c == '`' && text.indexOf('`', i + 1) > i -> {
                val end = text.indexOf('`', i + 1)
                current.append(text, i + 1, end); i = end + 1
            }
            c == '[' && link(text, i) != null -> {
                val (label, end) = link(text, i)!!
                current.append(label); i = end
            }
            else -> { current.append(c); i += 1 }
        }
    }
    emit()
    return spans
}

/** An italic marker: it closes the pending italic, or opens one that is closed later on the line. */
private fun opensOrClosesItalic(text: String, i: Int, italic: Boolean): Boolean {
    val c = text[i]
    val before = text.getOrNull(i - 1)
    val after = text.getOrNull(i + 1)
    if (italic) return before != null && !before.isWhitespace()
    // `_` inside a word (snake_case) is a letter, not emphasis.
    if (c == '_' && before != null && before.isLetterOrDigit()) return false
    if (after == null || after.isWhitespace()) return false
    val close = text.indexOf(c, i + 1)
    return close > i + 1 && !text[close - 1].isWhitespace()
}

/** `[label](target)` at `i`: the label and the index after it, or null. */
private fun link(text: String, i: Int): Pair<String, Int>? {
    val close = text.indexOf(']', i + 1)
    if (close < 0 || text.getOrNull(close + 1) != '(') return null
    val end = text.indexOf(')', close + 2)
    if (end < 0) return null
    return text.substring(i + 1, close) to end + 1
}

/** The plain text of `blocks`, a block a line (for tests and for TalkBack). */
fun plainText(blocks: List<MdBlock>): String = blocks.joinToString("\n") { b ->
    val text = b.spans.joinToString("") { it.text }
    if (b is MdBlock.ListItem) "${b.marker} $text" else text
}
