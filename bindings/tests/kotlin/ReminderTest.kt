// The reminder plan, its stream, the reminder settings, reminder health and
// the end of access, through the real generated bindings and library.
package app.painschool.core.test

import app.painschool.core.*
import kotlinx.coroutines.runBlocking
import java.time.Instant
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.test.*
import org.junit.Test

/** Collects what a reminder-plan stream delivers. */
class PlanRecorder : ReminderPlanListener {
    val updates = LinkedBlockingQueue<ReminderPlan>()
    val errors = LinkedBlockingQueue<CourseException>()
    override fun onUpdate(plan: ReminderPlan) { updates.add(plan) }
    override fun onError(error: CourseException) { errors.add(error) }

    fun next(): ReminderPlan =
        updates.poll(30, TimeUnit.SECONDS) ?: throw AssertionError("no plan within 30 s")
}

class ReminderTest {
    private val clock = FixedClock(Instant.parse("2026-11-03T09:00:00Z"))
    private val keys = MemoryKeys()

    private suspend fun enrolled(): Course {
        val c = openCourse(Paths0.tempDir().toString(), Paths0.bundle, keys, clock, NoNetwork())
        c.enrol(weekly())
        return c
    }

    @Test
    fun thePlanHasModuleRemindersAtTenOnTheDayEachOpens(): Unit = runBlocking {
        val c = enrolled()
        val plan = c.reminderPlan()
        assertTrue(plan.requests.size <= 48)
        assertEquals(0u, plan.leftOut)
        val m2 = plan.requests.first { it.id == "module-m2" }
        assertEquals(ReminderKind.MODULE_OPENED, m2.kind)
        assertEquals(Instant.parse("2026-11-09T09:00:00Z"), m2.fireAt)
        assertEquals("2026-11-09T10:00", m2.fireAtLocal)
        assertEquals(ReminderScreen.Module("m2"), m2.screen)
        assertEquals("painschool://module/m2", m2.deepLink)
        assertFalse(m2.daily)
        assertEquals("En ny del av kursen är öppen. Ta den när det passar dig.", m2.body)
        // Soonest first, every request in the future, ids unique.
        assertEquals(plan.requests.sortedBy { it.fireAt }, plan.requests)
        assertTrue(plan.requests.all { it.fireAt.isAfter(clock.instant) })
        assertEquals(plan.requests.size, plan.requests.map { it.id }.toSet().size)
        val nudge = plan.requests.first { it.kind == ReminderKind.NUDGE }
        assertEquals(Instant.parse("2026-11-05T09:00:00Z"), nudge.fireAt)
    }

    @Test
    fun settingsChangeThePlanAndBadOnesAreRefused(): Unit = runBlocking {
        val c = enrolled()
        val defaults = c.reminderSettings()
        assertEquals(LocalTime(10u, 0u), defaults.moduleTime)
        assertNull(defaults.moduleWeekday)
        assertEquals(QuietHours(LocalTime(21u, 0u), LocalTime(8u, 0u)), defaults.quietHours)
        val mine = defaults.copy(
            moduleWeekday = Weekday.WEDNESDAY,
            moduleTime = LocalTime(18u, 0u),
            practiceTime = LocalTime(19u, 30u),
        )
        c.setReminderSettings(mine)
        assertEquals(mine, c.reminderSettings())
        val plan = c.reminderPlan()
        assertEquals(Instant.parse("2026-11-11T17:00:00Z"), plan.requests.first { it.id == "module-m2" }.fireAt)
        val practice = plan.requests.first { it.kind == ReminderKind.PRACTICE }
        assertTrue(practice.daily)
        assertEquals(ReminderScreen.Mindfulness, practice.screen)
        assertEquals("2026-11-03T19:30", practice.fireAtLocal)
        // A time inside the quiet hours, and a time that does not exist.
        assertFailsWith<CourseException.InvalidInput> {
            c.setReminderSettings(mine.copy(moduleTime = LocalTime(22u, 0u)))
        }
        assertFailsWith<CourseException.InvalidInput> {
            c.setReminderSettings(mine.copy(practiceTime = LocalTime(25u, 0u)))
        }
        assertEquals(mine, c.reminderSettings(), "nothing saved")
    }

    @Test
    fun reminderHealthSaysWhatToDoWhenNotificationsAreOff(): Unit = runBlocking {
        val c = enrolled()
        val off = c.reminderHealth(NotificationPermission.DENIED)
        assertEquals(HealthStatus.OFF, off.status)
        assertEquals(HealthAction.OPEN_SYSTEM_SETTINGS, off.action)
        assertTrue(off.message!!.isNotEmpty())
        assertEquals(HealthStatus.NOT_ASKED, c.reminderHealth(NotificationPermission.NOT_ASKED).status)
        assertEquals(HealthStatus.QUIET, c.reminderHealth(NotificationPermission.PROVISIONAL).status)
        val ok = c.reminderHealth(NotificationPermission.ALLOWED)
        assertEquals(HealthStatus.WORKING, ok.status)
        assertNull(ok.message)
        val first = c.reminderPlan().requests.first()
        assertEquals(first.fireAt, ok.nextAt)
        assertEquals(first.fireAtLocal, ok.nextAtLocal)
        assertEquals(first.kind, ok.nextKind)
        assertEquals(c.reminderPlan().requests.size.toUInt(), ok.pending)
    }

    @Test
    fun thePlanStreamDeliversAtOnceAndAfterEachChange(): Unit = runBlocking {
        val c = enrolled()
        val r = PlanRecorder()
        c.subscribeReminderPlan(r).use { handle ->
            val first = r.next()
            assertEquals(Instant.parse("2026-11-09T09:00:00Z"), first.requests.first { it.id == "module-m2" }.fireAt)
            c.setReminderSettings(c.reminderSettings().copy(moduleTime = LocalTime(12u, 0u)))
            val second = r.next()
            assertEquals(Instant.parse("2026-11-09T11:00:00Z"), second.requests.first { it.id == "module-m2" }.fireAt)
            assertFalse(handle.isFinished())
        }
        assertTrue(r.errors.isEmpty())
    }

    @Test
    fun atTheEndContentLocksTheSummaryIsOfferedAndNothingIsWipedUnconfirmed(): Unit = runBlocking {
        val c = enrolled()
        val active = c.accessStatus()
        assertTrue(active.access is Access.Active)
        assertFalse(active.summaryOffered || active.wipeDue)
        clock.instant = Instant.parse("2027-11-03T09:00:00Z")
        val ended = assertFailsWith<CourseException.AccessEnded> { c.openSection("m1-welcome") }
        assertEquals(Instant.parse("2027-11-16T08:00:00Z"), ended.graceUntil)
        val status = c.accessStatus()
        assertTrue(status.access is Access.Ended)
        assertTrue(status.summaryOffered)
        assertFalse(status.endConfirmed)
        assertFalse(c.wipeIfDue(keys), "the server has not confirmed the end")
        assertNotNull(keys.key, "the key is kept")
        assertTrue(c.reminderPlan().requests.isEmpty())
    }
}
