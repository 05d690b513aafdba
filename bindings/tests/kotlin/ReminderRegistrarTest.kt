// The Android app's registration of the core's reminder plan
// (android/app/.../ReminderRegistrar.kt) on the JVM, with the real plan from
// the real library and a recording stand-in for AlarmManager: every planned
// request is set with its time, texts and deep link; what is no longer
// planned is cancelled; what was registered survives the process.
package app.painschool.core.test

import app.painschool.app.platform.Alarm
import app.painschool.app.platform.AlarmPort
import app.painschool.app.platform.RegisteredIds
import app.painschool.app.platform.ReminderRegistrar
import app.painschool.core.*
import kotlinx.coroutines.runBlocking
import java.io.File
import java.time.Instant
import kotlin.test.*
import org.junit.Test

/** AlarmManager's stand-in: what is pending, by id. */
class RecordingAlarms : AlarmPort {
    val pending = mutableMapOf<String, Alarm>()
    val cancelled = mutableListOf<String>()
    override fun set(alarm: Alarm) { pending[alarm.id] = alarm }
    override fun cancel(id: String, code: Int) {
        assertEquals(ReminderRegistrar.codeOf(id), code)
        pending.remove(id)
        cancelled.add(id)
    }
}

class ReminderRegistrarTest {
    private val clock = FixedClock(Instant.parse("2026-11-03T09:00:00Z"))

    @Test
    fun theOsGetsExactlyThePlanAndLosesWhatIsNoLongerPlanned(): Unit = runBlocking {
        val c = openCourse(Paths0.tempDir().toString(), Paths0.bundle, MemoryKeys(), clock, NoNetwork())
        c.enrol(weekly())
        val alarms = RecordingAlarms()
        val file = File(Paths0.tempDir().toFile(), "reminders.registered")
        val plan = c.reminderPlan()
        val applied = ReminderRegistrar(alarms, RegisteredIds(file)).apply(plan)
        assertEquals(plan.requests.size, applied.set)
        assertEquals(0, applied.cancelled)
        assertEquals(plan.requests.map { it.id }.toSet(), alarms.pending.keys)
        val m2 = alarms.pending.getValue("module-m2")
        assertEquals(Instant.parse("2026-11-09T09:00:00Z"), m2.at)
        assertEquals("painschool://module/m2", m2.deepLink)
        assertEquals("En ny del av kursen är öppen. Ta den när det passar dig.", m2.body)
        assertFalse(m2.daily)
        assertTrue(alarms.pending.values.all { it.code >= 0 && it.code == ReminderRegistrar.codeOf(it.id) })

        // Module reminders off: a new registrar (a new process) cancels them.
        c.setReminderSettings(c.reminderSettings().copy(moduleReminders = false))
        val next = c.reminderPlan()
        val again = ReminderRegistrar(alarms, RegisteredIds(file)).apply(next)
        assertTrue(again.cancelled > 0)
        assertTrue(alarms.cancelled.contains("module-m2"))
        assertEquals(next.requests.map { it.id }.toSet(), alarms.pending.keys)
        assertTrue(alarms.pending.keys.none { it.startsWith("module-") })

        // Access ended and the data wiped: nothing stays pending.
        ReminderRegistrar(alarms, RegisteredIds(file)).clear()
        assertTrue(alarms.pending.isEmpty())
        assertEquals(emptySet(), RegisteredIds(file).load())
    }
}
