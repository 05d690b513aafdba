// The app's CourseClient (SyncingCourseClient.kt) against the fake: every
// write the clinic must hear of asks for one sync, after it succeeded; reads
// and drafts do not; and every screen gets the app's one player, which a
// screen cannot close.
package app.painschool.app

import app.painschool.client.FakeCourseClient
import app.painschool.client.FakePlayerClient
import app.painschool.core.AnswerValue
import app.painschool.core.CourseException
import app.painschool.core.MessageThread
import app.painschool.core.NotificationPermission
import kotlinx.coroutines.runBlocking
import kotlin.test.*
import org.junit.Test

class SyncingCourseClientTest {
    private class Counter : SyncRequests {
        var requests = 0
        override fun afterWrite() { requests += 1 }
    }

    private val fake = FakeCourseClient.enrolled()
    private val sync = Counter()
    private val made = mutableListOf<FakePlayerClient>()
    private val shared by lazy { FakePlayerClient().also { made += it } }
    private val client = SyncingCourseClient(fake, sync) { shared }

    @Test
    fun eachWriteAsksForOneSync(): Unit = runBlocking {
        client.openSection("m1-welcome")
        client.markExerciseDone("m1-breathing")
        client.submit("m1-reflection-learned", null, AnswerValue.Text("Ett syntetiskt svar"))
        client.sendMessage(MessageThread.TEAM, "En syntetisk fråga")
        client.markThreadRead(MessageThread.TEAM)
        client.setPreferences(client.preferences())
        client.setReminderSettings(client.reminderSettings())
        assertEquals(7, sync.requests)
    }

    @Test
    fun readsAndDraftsDoNot(): Unit = runBlocking {
        client.thisWeek()
        client.modules()
        client.moduleSections("m1")
        client.saveDraft("m1-reflection-learned", null, AnswerValue.Text("Ett utkast"))
        client.messages(MessageThread.CLINICIAN)
        client.compose(MessageThread.CLINICIAN)
        client.reminderHealth(NotificationPermission.ALLOWED)
        client.reminderPlan()
        client.summaryOffer()
        client.accessStatus()
        client.practiceToday()
        assertEquals(0, sync.requests)
        // The calls reach the real (here: fake) client unchanged.
        assertTrue(fake.calls.contains("saveDraft m1-reflection-learned -"))
    }

    @Test
    fun aFailedWriteHasNothingToSync(): Unit = runBlocking {
        fake.fail("submit", CourseException.StorageFull())
        assertFailsWith<CourseException.StorageFull> {
            client.submit("m1-reflection-learned", null, AnswerValue.Text("x"))
        }
        assertFailsWith<CourseException.InvalidInput> { client.sendMessage(MessageThread.CLINICIAN, "   ") }
        assertEquals(0, sync.requests)
    }

    @Test
    fun everyScreenGetsTheOnePlayerAndCannotCloseIt(): Unit = runBlocking {
        val first = client.player()
        val second = client.player()
        first.load("m1-breathing")
        first.close()
        assertFalse(shared.closed)
        assertEquals(1, made.size)
        assertEquals("m1-breathing", second.state().track?.sectionId)
        assertEquals(listOf("load m1-breathing"), shared.calls)
    }
}
