// Registering the core's reminder plan with the OS: plain Kotlin over a
// small port (AlarmManager in the app, a recording fake in tests). The core
// decides every time and text; this only makes the OS's pending set equal
// to the plan, remembering what it registered so stale ones are cancelled
// (a module answered early, a visit moved, settings changed, access ended).
package app.painschool.app.platform

import app.painschool.core.ReminderPlan
import app.painschool.core.ReminderRequest
import java.io.File
import java.io.IOException
import java.time.Instant

/** One alarm as the OS gets it: all it needs to post the notification later, content free. */
data class Alarm(
    /** The request's stable id (also the notification's tag). */
    val id: String,
    /** A stable integer for the OS (PendingIntent request code, notification id). */
    val code: Int,
    /** When it fires (the first time, for a daily one). */
    val at: Instant,
    /** Every day at the same local time. */
    val daily: Boolean,
    /** The title (no health details: safe on a locked screen). */
    val title: String,
    /** The body. */
    val body: String,
    /** Where a tap goes (`painschool://module/m2`). */
    val deepLink: String,
)

/** The OS's alarms, as the registrar uses them. */
interface AlarmPort {
    /** Sets (or replaces, by id) an inexact alarm: no exact-alarm permission is needed. */
    fun set(alarm: Alarm)

    /** Cancels the alarm with this id and code, and its notification if shown. */
    fun cancel(id: String, code: Int)
}

/** What was registered last time, so it survives the process (a plain file). */
class RegisteredIds(private val file: File) {
    /** The ids registered last time. */
    fun load(): Set<String> = try {
        if (file.exists()) file.readLines().filter { it.isNotBlank() }.toSet() else emptySet()
    } catch (e: IOException) {
        emptySet()
    }

    /** Records `ids`, all or nothing. */
    fun save(ids: Set<String>) {
        val tmp = File(file.parentFile, file.name + ".tmp")
        file.parentFile?.mkdirs()
        tmp.writeText(ids.sorted().joinToString("\n"))
        if (!tmp.renameTo(file)) {
            tmp.delete()
            throw IOException("cannot record the registered reminders")
        }
    }
}

/** Makes the OS's pending reminders equal to the core's plan. */
class ReminderRegistrar(private val port: AlarmPort, private val registered: RegisteredIds) {
    /** What one `apply` did. */
    data class Applied(val set: Int, val cancelled: Int)

    /**
     * Registers every request of `plan` (replacing what is pending under the same id) and
     * cancels what was registered before and is no longer planned. Call it with each plan
     * the core's stream delivers, at boot, and after a time-zone, clock or permission change.
     */
    fun apply(plan: ReminderPlan): Applied {
        val before = registered.load()
        val now = plan.requests.associateBy { it.id }
        val stale = before - now.keys
        for (id in stale) port.cancel(id, codeOf(id))
        for (r in plan.requests) port.set(alarmOf(r))
        registered.save(now.keys)
        return Applied(set = now.size, cancelled = stale.size)
    }

    /** Cancels everything registered (access ended and the data is wiped). */
    fun clear() {
        for (id in registered.load()) port.cancel(id, codeOf(id))
        registered.save(emptySet())
    }

    companion object {
        /** A stable, non-negative code for `id` (the same on every run). */
        fun codeOf(id: String): Int = id.hashCode() and 0x7fffffff

        /** The alarm for a planned request. */
        fun alarmOf(r: ReminderRequest) = Alarm(
            id = r.id,
            code = codeOf(r.id),
            at = r.fireAt,
            daily = r.daily,
            title = r.title,
            body = r.body,
            deepLink = r.deepLink,
        )
    }
}
