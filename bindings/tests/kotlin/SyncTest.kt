// Sync and messaging through the bindings: the local parts against the
// real library, and activation and sync against a real painschool-server
// that scripts/kotlin-tests.sh starts on 127.0.0.1 (its URL and a one-time
// code come in PAINSCHOOL_TEST_SERVER and PAINSCHOOL_TEST_CODE), over the
// Android app's own HTTP client (android/…/UrlConnectionHttpClient.kt).
package app.painschool.core.test

import app.painschool.client.UrlConnectionHttpClient
import app.painschool.core.*
import kotlinx.coroutines.runBlocking
import java.time.Instant
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.test.*
import org.junit.Test

/** Collects what a sync-state stream delivers. */
class SyncStates : SyncStateListener {
    val updates = LinkedBlockingQueue<SyncState>()
    override fun onUpdate(state: SyncState) { updates.add(state) }

    /** The first update that satisfies `p`; fails after 30 s without one. */
    fun until(p: (SyncState) -> Boolean): SyncState {
        while (true) {
            val s = updates.poll(30, TimeUnit.SECONDS) ?: throw AssertionError("no such sync state within 30 s")
            if (p(s)) return s
        }
    }
}

class SyncTest {
    private suspend fun course(
        clock: Clock = FixedClock(Instant.parse("2026-11-03T09:00:00Z")),
        http: HttpClient = UrlConnectionHttpClient(),
    ): Course = openCourse(Paths0.tempDir().toString(), Paths0.bundle, MemoryKeys(), clock, http)

    @Test
    fun messagesAreQueuedLocallyWithAComposeViewAndTypedErrors(): Unit = runBlocking {
        val http = NoNetwork()
        val c = course(http = http)
        c.enrol(weekly())
        val compose = c.compose(MessageThread.TEAM)
        assertNull(compose.replyTime, "no unit before activation")
        assertTrue(compose.safetyLine.contains("112") && compose.safetyLine.contains("1177"))
        assertEquals(4000u, compose.maxChars)
        // What is being written is kept per thread until it is sent.
        assertNull(c.messageDraft(MessageThread.TEAM))
        c.saveMessageDraft(MessageThread.TEAM, "  Hej från")
        assertEquals("  Hej från", c.messageDraft(MessageThread.TEAM), "kept as typed")
        assertNull(c.messageDraft(MessageThread.CLINICIAN))
        val m = c.sendMessage(MessageThread.TEAM, "  Hej från Kotlin  ")
        assertNull(c.messageDraft(MessageThread.TEAM), "sent: no longer a draft")
        assertEquals(MessageStatus.QUEUED, m.status)
        assertEquals("Hej från Kotlin", m.text)
        assertEquals(MessageAuthor.PATIENT, c.messages(MessageThread.TEAM).single().author)
        assertTrue(c.messages(MessageThread.CLINICIAN).isEmpty())
        val e = assertFailsWith<CourseException.InvalidInput> { c.sendMessage(MessageThread.TEAM, "x".repeat(4001)) }
        assertFalse(e.reason.contains("xxxx"), "no message text in errors")
        assertFailsWith<CourseException.InvalidInput> { c.sendMessage(MessageThread.CLINICIAN, "   ") }
        assertEquals(0u, c.markThreadRead(MessageThread.TEAM))
        assertTrue(c.visits().isEmpty())
        assertFailsWith<SyncException.NotActivated> { c.syncNow() }
        assertFailsWith<SyncException.InvalidServerUrl> { c.activate("http://clinic.example.se", "CODE") }
        c.setDevelopmentLoopbackHttp(true)
        assertFailsWith<SyncException.InvalidServerUrl> { c.activate("http://10.0.2.2:8080", "CODE") }
        assertEquals(0, http.calls, "the core refuses plain http itself: the app's client is never asked")
    }

    @Test
    fun activatesSyncsAndStreamsTheStateAgainstARealServer(): Unit = runBlocking {
        val url = System.getenv("PAINSCHOOL_TEST_SERVER") ?: fail("PAINSCHOOL_TEST_SERVER is not set")
        val code = System.getenv("PAINSCHOOL_TEST_CODE") ?: fail("PAINSCHOOL_TEST_CODE is not set")
        val c = course(FixedClock(Instant.now()))
        val states = SyncStates()
        c.subscribeSyncState(states).use { handle ->
            assertFalse(states.until { true }.activated, "the current state comes at once")
            // Plain http only with the development flag.
            assertFailsWith<SyncException.InvalidServerUrl> { c.activate(url, code) }
            c.setDevelopmentLoopbackHttp(true)
            assertFailsWith<SyncException.InvalidCode> { c.activate(url, "AAAA-BBBB-CCCC-DDDD") }
            val activated = c.activate(url, code)
            assertTrue(activated.deviceId.isNotEmpty())
            assertEquals("Europe/Stockholm", activated.enrolment.timeZone)
            assertTrue(states.until { it.activated }.activated)
            assertEquals("Vi svarar inom två vardagar.", c.compose(MessageThread.CLINICIAN).replyTime)

            c.sendMessage(MessageThread.CLINICIAN, "Hej! En fråga om övning två.")
            c.submitAnswer("m1-reflection-learned", null, AnswerValue.Text("Svar från Kotlin"))
            val report = c.syncNow()
            assertTrue(report.sent >= 2u, "$report")
            assertEquals(0u, report.rejected)
            assertNull(report.deferredUntil)
            assertEquals(MessageStatus.SENT, c.messages(MessageThread.CLINICIAN).single().status)
            val done = states.until { it.activity is SyncActivity.Idle && it.lastSuccess != null }
            assertNull(done.retryAt)
            assertFalse(handle.isFinished())
        }
    }
}
