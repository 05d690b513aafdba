// The Compose views' rules, checked on their source (they cannot be compiled
// here: no Android SDK): no text of their own (every Text draws a state's,
// Strings' or the shell's text), no maxLines and no fixed heights on text,
// every icon and image given a description or marked decorative, one screen
// file per presenter, and log lines that name error classes only.
package app.painschool.app

import java.io.File
import kotlin.test.*
import org.junit.Test

class UiRulesTest {
    private val app = File("android/app/src/main/kotlin/app/painschool/app")
    private val ui = File(app, "ui")
    private fun uiSources(): List<File> = ui.listFiles()!!.filter { it.name.endsWith(".kt") && it.name != "Palette.kt" }.sortedBy { it.name }
    private fun code(f: File): String = f.readLines().filterNot { it.trimStart().startsWith("//") || it.trimStart().startsWith("*") || it.trimStart().startsWith("/**") }.joinToString("\n")

    @Test
    fun everyPresenterHasItsScreenFile() {
        val screens = listOf("Activation", "ThisWeek", "Module", "Section", "Player", "Messages", "Summary", "Settings", "Access")
        for (s in screens) {
            val f = File(ui, "${s}Screen.kt")
            assertTrue(f.isFile, "missing ${f.path}")
            val text = f.readText()
            assertTrue("${s}Presenter(" in text, "${f.name} makes its presenter")
            assertTrue("collectAsStateWithLifecycle()" in text, "${f.name} collects the state with the lifecycle")
            assertTrue(Regex("fun ${s}Screen\\(\\s*state: ").containsMatchIn(text), "${f.name} draws a state")
        }
    }

    @Test
    fun theViewsHaveNoTextOfTheirOwn() {
        val literal = Regex("""\bText\(\s*"[^"$]*\p{L}""")
        for (f in uiSources()) {
            val hits = code(f).lines().filter { literal.containsMatchIn(it) }
            assertTrue(hits.isEmpty(), "${f.name}: ${hits.joinToString()}")
        }
    }

    @Test
    fun textIsNeverCutOrBoxedIn() {
        for (f in uiSources()) {
            val c = code(f)
            assertFalse("maxLines" in c, "${f.name} limits lines")
            // Fixed heights: only minimums (heightIn(min = …)) and intrinsic sizes.
            val fixed = Regex("""\.height\((?!IntrinsicSize)""").findAll(c).toList()
            assertTrue(fixed.isEmpty(), "${f.name} has a fixed height")
            assertFalse("overflow = TextOverflow" in c, "${f.name} cuts text")
        }
    }

    @Test
    fun everyIconAndImageIsDescribedOrMarkedDecorative() {
        val call = Regex("""\b(Icon|Image|AsyncImage)\(""")
        for (f in uiSources()) {
            val c = code(f)
            for (m in call.findAll(c)) {
                val args = c.substring(m.range.last, minOf(c.length, m.range.last + 200))
                assertTrue("contentDescription" in args, "${f.name}: ${m.value} without contentDescription")
            }
        }
    }

    @Test
    fun controlsAreAtLeast48DpAndHeadingsAreMarked() {
        val components = File(ui, "Components.kt").readText()
        assertTrue("heightIn(min = 48.dp)" in components)
        assertTrue("heading()" in components)
        assertTrue("minimumInteractiveComponentSize()" in components)
        assertTrue("LiveRegionMode" in components)
        // Buttons are made through the shared components or have a minimum height.
        for (f in uiSources().filter { it.name != "Components.kt" }) {
            for (line in code(f).lines().filter { Regex("""\b(Button|OutlinedButton)\(onClick""").containsMatchIn(it) }) {
                assertTrue("heightIn" in line, "${f.name}: $line")
            }
        }
    }

    @Test
    fun logLinesNameErrorClassesOnly() {
        val log = Regex("""\bLog\.[a-z]\(TAG, "((?:[^"\\]|\\.)*)"\)""")
        val files = app.walkTopDown().filter { it.name.endsWith(".kt") }.toList()
        for (f in files) {
            for (line in f.readLines().filter { "Log." in it && !it.trimStart().startsWith("//") }) {
                val m = log.find(line)
                assertNotNull(m, "${f.name}: a log line the rule cannot read: $line")
                val templates = Regex("""\$\{([^}]*)}|\$(\w+)""").findAll(m.groupValues[1]).map { it.value }.toList()
                for (t in templates) {
                    assertTrue(t.endsWith("javaClass.simpleName}") || t == "\$outcome", "${f.name}: logs $t")
                }
            }
        }
    }
}
