package app.painschool.presenter

import app.painschool.client.FakeCourseClient
import app.painschool.core.CourseException
import app.painschool.core.Visit
import app.painschool.core.VisitKind
import java.time.Instant
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull

class VisitsPresenterTest {
    private fun presenter(fake: FakeCourseClient, screen: TestScreen) =
        VisitsPresenter(fake, screen.scope, STOCKHOLM, now = { fake.now })

    private fun visit(id: String, at: String, kind: VisitKind, cancelled: Boolean = false) =
        Visit(id, Instant.parse(at), 30u, kind, cancelled)

    @Test
    fun comingVisitsInOrderThenEarlierOnesWithCancelledMarked(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.visits = listOf(
            visit("v3", "2026-11-24T08:00:00Z", VisitKind.CLINIC),
            visit("v0", "2026-10-27T08:00:00Z", VisitKind.PHONE),
            visit("v2", "2026-11-10T13:00:00Z", VisitKind.VIDEO, cancelled = true),
            // Began 20 minutes ago, 30 minutes long: still coming (not over).
            visit("v1", "2026-11-03T08:40:00Z", VisitKind.PHONE),
        )
        val s = presenter(fake, screen).state.value
        Golden.check("visits-coming-and-past", s)
        assertEquals(listOf("v1", "v2", "v3"), s.upcoming.map { it.visitId })
        assertEquals(listOf("v0"), s.past.map { it.visitId })
        assertEquals("Inställt", s.upcoming[1].cancelled)
        assertEquals("tisdag 10 november 14:00. Videosamtal, 30 minuter. Inställt", s.upcoming[1].contentDescription)
        assertNull(s.empty)
    }

    @Test
    fun noneBookedSaysWhoBooksThem(): Unit = TestScreen().use { screen ->
        val s = presenter(FakeCourseClient.enrolled(), screen).state.value
        Golden.check("visits-none", s)
        assertNotNull(s.empty)
        assertNull(s.pastLabel)
    }

    @Test
    fun aFailureShowsAndRetryReadsAgain(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.fail("visits", CourseException.DatabaseCorrupt())
        val p = presenter(fake, screen)
        assertEquals(ErrorAction.CONTACT_CLINIC, p.state.value.error?.action)
        fake.fail("visits", null)
        p.onEvent(VisitsEvent.Retry)
        assertNull(p.state.value.error)
        assertNotNull(p.state.value.empty)
    }
}
