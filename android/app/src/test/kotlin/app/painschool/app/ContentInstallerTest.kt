// Copying the bundled content (ContentInstaller.kt) on the JVM, from the
// repository's content folder: the copy is complete and opens with the real
// core; an unchanged app reuses it; an update replaces it; an interrupted
// copy never leaves a bundle in use, and the next start cleans up and copies
// again.
package app.painschool.app

import app.painschool.client.RustCourseClient
import app.painschool.core.CourseException
import kotlinx.coroutines.runBlocking
import java.io.File
import java.io.IOException
import kotlin.test.*
import org.junit.Test

class ContentInstallerTest {
    @Test
    fun thePlanCopiesOnlyWhatIsMissingAndRemovesTheRest() {
        assertEquals(ContentPlan("v-7-100", copy = true, remove = emptyList()), planContent("7-100", emptyList()))
        assertEquals(ContentPlan("v-7-100", copy = false, remove = emptyList()), planContent("7-100", listOf("v-7-100")))
        assertEquals(
            ContentPlan("v-8-200", copy = true, remove = listOf("tmp-8-200", "v-7-100")),
            planContent("8-200", listOf("v-7-100", "tmp-8-200")),
        )
        assertEquals("12-1700000000000", contentStamp(12, 1_700_000_000_000))
    }

    @Test
    fun theCopyIsCompleteAndTheCoreOpensIt(): Unit = runBlocking {
        val root = tempFolder()
        val source = FolderSource(REPO_CONTENT)
        val bundle = ContentInstaller(root, source).install("1-1")
        assertEquals(File(root, "v-1-1"), bundle)
        val expected = source.files()
        assertEquals(expected, FolderSource(bundle).files())
        for (path in expected) assertContentEquals(File(REPO_CONTENT, path).readBytes(), File(bundle, path).readBytes(), path)
        assertEquals(listOf("v-1-1"), root.list()!!.toList())

        // The core checks the whole bundle when it opens (a broken one is ContentBroken);
        // here it opens, and asks for an enrolment next.
        val client = RustCourseClient.open(tempFolder().path, bundle.path, TestKeys())
        assertFailsWith<CourseException.NotEnrolled> { client.thisWeek() }
    }

    @Test
    fun anUnchangedAppReusesItsCopyAndAnUpdateReplacesIt() {
        val root = tempFolder()
        val first = FolderSource(REPO_CONTENT)
        ContentInstaller(root, first).install("1-1")
        val again = FolderSource(REPO_CONTENT)
        ContentInstaller(root, again).install("1-1")
        assertEquals(0, again.opened)

        val update = FolderSource(REPO_CONTENT)
        val bundle = ContentInstaller(root, update).install("2-5")
        assertTrue(update.opened > 0)
        assertEquals(listOf("v-2-5"), root.list()!!.toList())
        assertTrue(File(bundle, "course.toml").isFile)
    }

    @Test
    fun anInterruptedCopyLeavesNoBundleAndTheNextStartCopiesAgain() {
        val root = tempFolder()
        val broken = FolderSource(REPO_CONTENT, failAfter = 20)
        assertFailsWith<IOException> { ContentInstaller(root, broken).install("3-3") }
        assertFalse(File(root, "v-3-3").exists())
        assertEquals(emptyList(), root.list()!!.toList())

        // A process killed mid-copy leaves its temporary folder: the next start removes it.
        File(root, "tmp-3-3/modules").mkdirs()
        File(root, "tmp-3-3/course.toml").writeText("half")
        val bundle = ContentInstaller(root, FolderSource(REPO_CONTENT)).install("3-3")
        assertEquals(listOf("v-3-3"), root.list()!!.toList())
        assertEquals(File(REPO_CONTENT, "course.toml").readText(), File(bundle, "course.toml").readText())
    }

    @Test
    fun aPathThatLeavesItsFolderOrNoContentIsRefused() {
        val sneaky = object : ContentSource {
            override fun files() = listOf("../outside.txt")
            override fun open(path: String) = "x".byteInputStream()
        }
        val root = tempFolder()
        assertFailsWith<IOException> { ContentInstaller(root, sneaky).install("4-4") }
        assertFalse(File(root.parentFile, "outside.txt").exists() && File(root.parentFile, "outside.txt").readText() == "x")
        val empty = object : ContentSource {
            override fun files() = emptyList<String>()
            override fun open(path: String) = throw IOException()
        }
        assertFailsWith<IOException> { ContentInstaller(tempFolder(), empty).install("5-5") }
    }
}
