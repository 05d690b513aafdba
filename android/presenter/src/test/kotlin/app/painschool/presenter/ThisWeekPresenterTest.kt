package app.painschool.presenter

import app.painschool.client.FakeCourseClient
import app.painschool.core.Access
import app.painschool.core.CourseException
import app.painschool.core.HealthAction
import app.painschool.core.Language
import app.painschool.core.Message
import app.painschool.core.MessageAuthor
import app.painschool.core.MessageStatus
import app.painschool.core.MessageThread
import app.painschool.core.NotificationPermission
import app.painschool.core.SummaryOffer
import app.painschool.core.SummaryOfferReason
import app.painschool.core.Visit
import app.painschool.core.VisitKind
import java.time.Instant
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

class ThisWeekPresenterTest {
    private var permission = NotificationPermission.ALLOWED

    private fun presenter(fake: FakeCourseClient, screen: TestScreen) =
        ThisWeekPresenter(fake, screen.scope, { permission }, STOCKHOLM, now = { fake.now })

    private fun reply(thread: MessageThread, id: String) = Message(
        id, thread, MessageAuthor.CLINIC, "Demobehandlare", "Syntetiskt svar", Instant.parse("2026-11-03T08:00:00Z"), MessageStatus.SENT, null,
    )

    @Test
    fun weekOneShowsTheOpenModuleTheNextUnlockAndTheCheckIn() = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = presenter(fake, screen)
        val s = p.state.value
        Golden.check("this-week-week-1", s)
        assertEquals("m1", s.current?.moduleId)
        assertEquals("Modul 2 öppnar måndag 9 november.", s.nextUnlock)
        assertEquals("m1-weekly-check-in", s.checkIn?.target)
        assertNull(s.messages)
        assertNull(s.summary)
        assertTrue(s.reminders!!.working)
    }

    @Test
    fun theNextVisitIsTheFirstNotCancelledOrOver() = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fun visit(id: String, at: String, kind: VisitKind, cancelled: Boolean = false) =
            Visit(id, Instant.parse(at), 45u, kind, cancelled)
        fake.visits = listOf(
            visit("later", "2026-11-20T13:00:00Z", VisitKind.CLINIC),
            visit("over", "2026-11-02T13:00:00Z", VisitKind.PHONE),
            visit("called-off", "2026-11-05T13:00:00Z", VisitKind.VIDEO, cancelled = true),
            visit("next", "2026-11-10T13:00:00Z", VisitKind.VIDEO),
        )
        val s = presenter(fake, screen).state.value
        Golden.check("this-week-next-visit", s)
        assertEquals("Nästa besök: tisdag 10 november 14:00. Videosamtal, 45 minuter.", s.visit?.text)
        assertEquals("visits", s.visit?.target)
        // None left to come: no line.
        fake.visits = fake.visits.filter { it.id == "over" }
        assertNull(presenter(fake, screen).state.value.visit)
    }

    @Test
    fun messagesWaitingRemindersOffAndTheSummaryOffer() = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.messages.getValue(MessageThread.TEAM) += reply(MessageThread.TEAM, "r1")
        fake.messages.getValue(MessageThread.TEAM) += reply(MessageThread.TEAM, "r2")
        fake.offer = SummaryOffer(SummaryOfferReason.LAST_MODULE, null)
        permission = NotificationPermission.DENIED
        val p = presenter(fake, screen)
        val s = p.state.value
        Golden.check("this-week-messages-reminders-off", s)
        assertEquals("TEAM", s.messages?.target)
        assertEquals(HealthAction.OPEN_SYSTEM_SETTINGS, s.reminders?.action)
        assertNotNull(s.summary)

        // The patient allowed notifications in the system settings and came back.
        permission = NotificationPermission.ALLOWED
        p.onEvent(ThisWeekEvent.Refresh)
        assertTrue(p.state.value.reminders!!.working)
    }

    @Test
    fun theEndOfAccessIsShown() = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.week = fake.sampleWeek().copy(access = Access.Active(Instant.parse("2026-11-20T08:00:00Z"), 17, true))
        val p = presenter(fake, screen)
        Golden.check("this-week-access-ending", p.state.value)

        fake.week = fake.sampleWeek().copy(
            access = Access.Ended(Instant.parse("2026-11-02T08:00:00Z"), Instant.parse("2026-11-16T08:00:00Z")),
            checkInDue = false,
        )
        fake.offer = SummaryOffer(SummaryOfferReason.ACCESS_ENDED, Instant.parse("2026-11-16T08:00:00Z"))
        fake.publishWeek()
        Golden.check("this-week-access-ended", p.state.value)
    }

    @Test
    fun itFollowsTheCoresStreamInThePatientsLanguage() = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = presenter(fake, screen)
        fake.preferences = fake.preferences.copy(language = Language.ENGLISH, displayName = "Testperson")
        fake.week = fake.sampleWeek()
        fake.publishWeek()
        Golden.check("this-week-en", p.state.value)
        assertEquals("Hello Testperson!", p.state.value.greeting)
    }

    @Test
    fun withoutAnEnrolmentItSaysWhatToDo() = TestScreen().use { screen ->
        val fake = FakeCourseClient()
        val p = presenter(fake, screen)
        Golden.check("this-week-not-enrolled", p.state.value)
        assertEquals(ErrorAction.CONTACT_CLINIC, p.state.value.error?.action)

        fake.fail("preferences", CourseException.StorageFull())
        fake.week = fake.sampleWeek()
        p.onEvent(ThisWeekEvent.Retry)
        assertEquals(ErrorAction.OPEN_SETTINGS, p.state.value.error?.action)
        fake.fail("preferences", null)
        p.onEvent(ThisWeekEvent.Retry)
        assertNull(p.state.value.error)
        assertEquals("m1", p.state.value.current?.moduleId)
    }

    @Test
    fun theSubscriptionEndsWithTheScreen() {
        val fake = FakeCourseClient.enrolled()
        val screen = TestScreen()
        presenter(fake, screen)
        assertEquals(1, fake.weekObservers)
        screen.close()
        assertEquals(0, fake.weekObservers)
    }
}
