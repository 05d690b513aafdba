// The patient's first week through the presenters, against the real library
// and a real local server (scripts/kotlin-tests.sh starts one and passes its
// URL and a one-time code in PAINSCHOOL_TEST_SERVER and PAINSCHOOL_TEST_CODE):
// activation → this week shows module 1 → open a section and answer →
// a message to the clinician → the summary. The data is synthetic.
package app.painschool.presenter

import app.painschool.client.RustCourseClient
import app.painschool.client.UrlConnectionHttpClient
import app.painschool.core.KeyProvider
import app.painschool.core.MessageThread
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.io.File
import java.nio.file.Files
import java.nio.file.Paths
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail

/** An in-memory key store (the app's is the Android Keystore). */
class TestKeys : KeyProvider {
    @Volatile private var key: ByteArray? = null
    override fun get(): ByteArray? = key
    override fun store(key: ByteArray) { this.key = key }
    override fun delete() { key = null }
}

class RealLibraryFlowTest {
    /** The repository's course bundle: from the repository root, or from android/presenter under Gradle. */
    private val bundle: String = listOf("content", "../../content").map { Paths.get(it).toAbsolutePath().normalize() }
        .firstOrNull { Files.isDirectory(it.resolve("modules")) }?.toString() ?: fail("no content bundle found")

    private suspend fun <S> StateFlow<S>.until(what: String, ok: (S) -> Boolean): S = try {
        withTimeout(60_000) { first(ok) }
    } catch (e: Exception) {
        throw AssertionError("$what: not reached within 60 s; the state is\n${Json.encode(value)}", e)
    }

    @Test
    fun activationThisWeekAnswerMessageAndSummary(): Unit = runBlocking {
        val server = System.getenv("PAINSCHOOL_TEST_SERVER") ?: fail("PAINSCHOOL_TEST_SERVER is not set")
        val code = System.getenv("PAINSCHOOL_TEST_CODE") ?: fail("PAINSCHOOL_TEST_CODE is not set")
        val data = Files.createTempDirectory("painschool-presenter").toString()
        val client = RustCourseClient.open(data, bundle, TestKeys(), UrlConnectionHttpClient(), developmentLoopbackHttp = true)
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        try {
            // Activation with the letter's code.
            val activation = ActivationPresenter(client, scope, server, STOCKHOLM)
            activation.onEvent(ActivationEvent.CodeChanged(code))
            activation.onEvent(ActivationEvent.Submit)
            val activated = activation.state.until("activated") { it.activated || it.error != null }
            assertNull(activated.error, "activation failed: ${activated.error}")

            // This week: module 1 is open.
            val week = ThisWeekPresenter(client, scope, { app.painschool.core.NotificationPermission.ALLOWED }, STOCKHOLM)
            val thisWeek = week.state.until("this week with module 1") { it.current != null && it.reminders != null }
            assertEquals("m1", thisWeek.current?.moduleId)
            assertEquals("Modul 1", thisWeek.current?.number)
            assertTrue(thisWeek.current!!.title.isNotBlank())
            assertNull(thisWeek.error)

            // The module's contents, then a section with a question.
            val module = ModulePresenter(client, scope, "m1", STOCKHOLM)
            val contents = module.state.until("module contents") { it.sections.isNotEmpty() }
            assertTrue(contents.sections.any { it.sectionId == "m1-reflection" })
            val delay = ManualDelay()
            val section = SectionPresenter(client, scope, "m1-reflection", delay, STOCKHOLM)
            section.state.until("the reflection") { it.questions.isNotEmpty() }
            val question = section.state.value.questions.first().questionId
            section.onEvent(SectionEvent.TextChanged(question, "Syntetiskt svar från presentatörstestet"))
            delay.pendingFlow.until("a pending autosave") { it == 1 }
            delay.release()
            section.state.until("the draft saved") { it.questions.first().draftStatus == Swedish.draftSaved }
            section.onEvent(SectionEvent.Submit(question))
            val answered = section.state.until("the answer saved") { it.questions.first().answeredLabel != null || it.questions.first().error != null }
            assertNull(answered.questions.first().error)

            // A message to the clinician, sent to the server.
            val messages = MessagesPresenter(client, scope, MessageThread.CLINICIAN, STOCKHOLM)
            val compose = messages.state.until("the compose box") { !it.loading }.compose
            assertEquals("Vi svarar inom två vardagar.", compose.replyTime)
            messages.onEvent(MessagesEvent.TextChanged("Syntetisk fråga till behandlaren"))
            messages.onEvent(MessagesEvent.Send)
            val sent = messages.state.until("the message at the clinic") { s ->
                s.messages.any { it.mine && it.status == Swedish.messageStatus(app.painschool.core.MessageStatus.SENT) } || s.compose.error != null
            }
            assertNull(sent.compose.error)

            // The summary: not put forward in week 1, and printable as a PDF.
            val shareDir = Files.createTempDirectory("painschool-share").toFile()
            val summary = SummaryPresenter(client, scope, shareDir, STOCKHOLM)
            val summaryScreen = summary.state.until("the summary screen") { !it.loading }
            assertNull(summaryScreen.error)
            assertNull(summary.state.value.offer, "no offer at the start of the course")
            summary.onEvent(SummaryEvent.Print)
            val print = withTimeout(60_000) { summary.effects.first() } as SummaryEffect.Print
            assertEquals("%PDF-", String(print.pdf.copyOfRange(0, 5), Charsets.US_ASCII))
            summary.state.until("idle after printing") { !it.busy }
            summary.onEvent(SummaryEvent.Share)
            val share = withTimeout(60_000) { summary.effects.first() } as SummaryEffect.Share
            assertEquals("%PDF-", String(File(share.path).readBytes().copyOfRange(0, 5), Charsets.US_ASCII))
        } finally {
            scope.cancel()
        }
    }
}
