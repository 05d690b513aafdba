package app.painschool.presenter

import app.painschool.client.FakeCourseClient
import app.painschool.core.Language
import app.painschool.core.Message
import app.painschool.core.MessageAuthor
import app.painschool.core.MessageStatus
import app.painschool.core.MessageThread
import app.painschool.core.SyncException
import java.time.Instant
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class MessagesPresenterTest {
    private fun message(thread: MessageThread, id: String, author: MessageAuthor, status: MessageStatus, at: String) = Message(
        id, thread, author, if (author == MessageAuthor.CLINIC) "Demobehandlare" else null,
        if (author == MessageAuthor.CLINIC) "Syntetiskt svar $id" else "Syntetisk fråga $id",
        Instant.parse(at), status, null,
    )

    private fun conversation(fake: FakeCourseClient) {
        val c = fake.messages.getValue(MessageThread.CLINICIAN)
        c += message(MessageThread.CLINICIAN, "m1", MessageAuthor.PATIENT, MessageStatus.READ, "2026-11-02T18:00:00Z")
        c += message(MessageThread.CLINICIAN, "m2", MessageAuthor.CLINIC, MessageStatus.SENT, "2026-11-03T07:30:00Z")
        c += message(MessageThread.CLINICIAN, "m3", MessageAuthor.PATIENT, MessageStatus.FAILED, "2026-11-03T08:00:00Z")
        fake.messages.getValue(MessageThread.TEAM) += message(MessageThread.TEAM, "t1", MessageAuthor.CLINIC, MessageStatus.SENT, "2026-11-03T08:30:00Z")
    }

    @Test
    fun anEmptyThreadStillShowsTheSafetyLineAndTheReplyTime(): Unit = TestScreen().use { screen ->
        val p = MessagesPresenter(FakeCourseClient.enrolled(), screen.scope, zone = STOCKHOLM)
        Golden.check("messages-empty", p.state.value)
        val compose = p.state.value.compose
        assertTrue("112" in compose.safetyLine && "1177" in compose.safetyLine)
        assertEquals("Vi svarar inom två vardagar.", compose.replyTime)
        assertFalse(compose.sendEnabled)
    }

    @Test
    fun aConversationWithStatusesAndUnreadReplies(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        conversation(fake)
        val p = MessagesPresenter(fake, screen.scope, zone = STOCKHOLM)
        Golden.check("messages-conversation", p.state.value)
        assertTrue("markThreadRead CLINICIAN" in fake.calls, "the open thread is read")
        assertEquals(listOf(0, 1), p.state.value.tabs.map { it.unread })
        assertEquals("Teamet, 1 nytt meddelande", p.state.value.tabs[1].contentDescription)

        p.onEvent(MessagesEvent.SelectThread(MessageThread.TEAM))
        assertTrue("markThreadRead TEAM" in fake.calls)
        assertEquals(listOf(0, 0), p.state.value.tabs.map { it.unread })
    }

    @Test
    fun sendingQueuesThenSyncs(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = MessagesPresenter(fake, screen.scope, MessageThread.TEAM, STOCKHOLM)
        p.onEvent(MessagesEvent.TextChanged("Syntetisk fråga om tider"))
        assertTrue(p.state.value.compose.sendEnabled)
        assertEquals("24/4000", p.state.value.compose.counter)
        p.onEvent(MessagesEvent.Send)
        val sent = p.state.value
        Golden.check("messages-sent", sent)
        assertEquals("", sent.compose.text)
        assertEquals("Skickat", sent.messages.single().status)
        assertTrue(fake.calls.indexOf("sendMessage TEAM") < fake.calls.lastIndexOf("syncNow"))
    }

    @Test
    fun offlineTheMessageWaitsOnThePhone(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.fail("syncNow", SyncException.Offline())
        val p = MessagesPresenter(fake, screen.scope, zone = STOCKHOLM)
        p.onEvent(MessagesEvent.TextChanged("Syntetisk fråga"))
        p.onEvent(MessagesEvent.Send)
        assertEquals("Skickas när telefonen är uppkopplad", p.state.value.messages.single().status)
        assertNull(p.state.value.error, "being offline is not an error here")
    }

    @Test
    fun aMessageTheCoreRefusesStaysInTheBox(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = MessagesPresenter(fake, screen.scope, zone = STOCKHOLM)
        p.onEvent(MessagesEvent.TextChanged("x".repeat(4001)))
        p.onEvent(MessagesEvent.Send)
        val s = p.state.value
        assertEquals("Meddelandet måste ha 1–4000 tecken.", s.compose.error)
        assertEquals(4001, s.compose.text.length, "nothing typed is lost")
        assertTrue(s.messages.isEmpty())
    }

    @Test
    fun inEnglish(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.preferences = fake.preferences.copy(language = Language.ENGLISH)
        conversation(fake)
        val p = MessagesPresenter(fake, screen.scope, zone = STOCKHOLM)
        Golden.check("messages-conversation-en", p.state.value)
    }

    @Test
    fun whatIsBeingWrittenIsKeptAndComesBackUntilSent(): Unit = TestScreen().use { app ->
        val fake = FakeCourseClient.enrolled()
        val delay = ManualDelay()
        val screen = TestScreen()
        val p = MessagesPresenter(fake, screen.scope, zone = STOCKHOLM, delay = delay, saveScope = app.scope)
        p.onEvent(MessagesEvent.TextChanged("Hej, jag undrar"))
        assertTrue(fake.messageDrafts.isEmpty(), "nothing kept while typing")
        delay.release()
        assertEquals("Hej, jag undrar", fake.messageDrafts[MessageThread.CLINICIAN])
        p.onEvent(MessagesEvent.TextChanged("Hej, jag undrar över övningen"))
        // The screen leaves within the typing pause: its scope ends, SaveNow still keeps it.
        screen.close()
        p.onEvent(MessagesEvent.SaveNow)
        assertEquals("Hej, jag undrar över övningen", fake.messageDrafts[MessageThread.CLINICIAN])
        assertNull(fake.messageDrafts[MessageThread.TEAM], "the other thread has no draft")
        // Opened again (or after the app was ended): the text is back in the box.
        val again = MessagesPresenter(fake, app.scope, zone = STOCKHOLM, delay = delay, saveScope = app.scope)
        assertEquals("Hej, jag undrar över övningen", again.state.value.compose.text)
        again.onEvent(MessagesEvent.TextChanged("Hej, jag undrar över övningen i modul 1"))
        again.onEvent(MessagesEvent.Send)
        assertTrue(fake.messageDrafts.isEmpty(), "sent: no draft left")
        delay.release()
        assertTrue(fake.messageDrafts.isEmpty(), "the cancelled autosave does not bring it back")
    }
}
