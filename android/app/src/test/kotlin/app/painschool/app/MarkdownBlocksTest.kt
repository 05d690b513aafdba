// The section text's Markdown (MarkdownBlocks.kt): headings, paragraphs,
// lists and quotes with bold and italic, and every Markdown file of the
// real course read without a marker left in the text the patient sees.
package app.painschool.app

import kotlin.test.*
import org.junit.Test

class MarkdownBlocksTest {
    @Test
    fun blocksAndSpans() {
        val blocks = parseMarkdown(
            """
            # Smärtsystemet

            Smärta är kroppens **larm**. Det kan vara
            *känsligt* inställt.

            - Rör dig **lite** varje dag
            - Vila
              när det behövs
            1. Först
            2. Sedan

            > Ring 1177 för råd.
            """.trimIndent(),
        )
        assertEquals(
            listOf(
                MdBlock.Heading(1, listOf(MdSpan("Smärtsystemet"))),
                MdBlock.Paragraph(
                    listOf(
                        MdSpan("Smärta är kroppens "), MdSpan("larm", bold = true), MdSpan(". Det kan vara "),
                        MdSpan("känsligt", italic = true), MdSpan(" inställt."),
                    ),
                ),
                MdBlock.ListItem("•", 0, listOf(MdSpan("Rör dig "), MdSpan("lite", bold = true), MdSpan(" varje dag"))),
                MdBlock.ListItem("•", 0, listOf(MdSpan("Vila när det behövs"))),
                MdBlock.ListItem("1.", 0, listOf(MdSpan("Först"))),
                MdBlock.ListItem("2.", 0, listOf(MdSpan("Sedan"))),
                MdBlock.Quote(listOf(MdSpan("Ring 1177 för råd."))),
            ),
            blocks,
        )
    }

    @Test
    fun oddTextStaysTextAndNeverThrows() {
        assertEquals(listOf(MdSpan("5 * 3 = 15")), inline("5 * 3 = 15"))
        assertEquals(listOf(MdSpan("ett **halvt")), inline("ett **halvt"))
        assertEquals(listOf(MdSpan("snake_case_name")), inline("snake_case_name"))
        assertEquals("see 1177.se and *", inline("see [1177.se](https://1177.se) and \\*").joinToString("") { it.text })
        assertEquals("code", inline("`code`").single().text)
        assertEquals(emptyList(), parseMarkdown(""))
        assertEquals(emptyList(), parseMarkdown("\n\n---\n"))
        for (odd in listOf("**", "*", "_", "[", "[a](", "#", "####### seven", "> ", "1.", "-", "`", "\\")) parseMarkdown(odd)
    }

    @Test
    fun everyMarkdownFileOfTheCourseReadsCleanly() {
        val files = REPO_CONTENT.resolve("modules").walkTopDown().filter { it.isFile && it.name.endsWith(".md") }.toList()
        assertTrue(files.size > 100, "found ${files.size} Markdown files")
        var headings = 0
        var items = 0
        for (f in files) {
            val blocks = parseMarkdown(f.readText())
            assertTrue(blocks.isNotEmpty(), f.path)
            val text = plainText(blocks)
            assertFalse("**" in text, "a bold marker is left in ${f.path}")
            assertFalse(Regex("(^|\\n)#+ ").containsMatchIn(text), "a heading marker is left in ${f.path}")
            assertFalse(Regex("(^|\\n)- ").containsMatchIn(text), "a list marker is left in ${f.path}")
            headings += blocks.count { it is MdBlock.Heading }
            items += blocks.count { it is MdBlock.ListItem }
        }
        assertTrue(headings > 100 && items > 300, "headings $headings, list items $items")
    }
}
