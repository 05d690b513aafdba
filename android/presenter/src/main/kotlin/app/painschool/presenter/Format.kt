// Formatting of what the core computed (dates, times, lengths) for the
// patient's language. Formatting only: the dates themselves come from the core.
package app.painschool.presenter

import app.painschool.core.Language
import app.painschool.core.LocalTime
import java.time.Instant
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.util.Locale

/** Formats for one language and time zone. */
class Format(val language: Language, val zone: ZoneId) {
    private val locale: Locale = if (language == Language.SWEDISH) Locale.forLanguageTag("sv-SE") else Locale.UK
    private val weekdayDate = DateTimeFormatter.ofPattern("EEEE d MMMM", locale)
    private val date = DateTimeFormatter.ofPattern("d MMMM yyyy", locale)
    private val dayTime = DateTimeFormatter.ofPattern("d MMMM HH:mm", locale)
    private val time = DateTimeFormatter.ofPattern("HH:mm", locale)

    /** A core ISO date ("2026-11-09") as "måndag 9 november". */
    fun weekdayDate(isoDate: String): String = LocalDate.parse(isoDate).format(weekdayDate)

    /** A core local date-time ("2026-11-05T10:00") as "torsdag 5 november 10:00". */
    fun weekdayDateTime(isoLocal: String): String {
        val t = LocalDateTime.parse(isoLocal)
        return "${t.format(weekdayDate)} ${t.format(time)}"
    }

    /** An instant as "tisdag 10 november 14:00" in the patient's zone. */
    fun weekdayDateTime(instant: Instant): String {
        val t = instant.atZone(zone)
        return "${t.format(weekdayDate)} ${t.format(time)}"
    }

    /** An instant as "2 november 2027" in the patient's zone. */
    fun date(instant: Instant): String = instant.atZone(zone).format(date)

    /** An instant as "3 november 10:00" in the patient's zone. */
    fun dayTime(instant: Instant): String = instant.atZone(zone).format(dayTime)

    /** A reminder time as "10:00". */
    fun clock(t: LocalTime): String = "${two(t.hour.toLong())}:${two(t.minute.toLong())}"

    /** A length in milliseconds as "6:54" (or "1:02:03"). */
    fun length(ms: ULong): String {
        val total = (ms / 1000uL).toLong()
        val h = total / 3600
        val m = (total % 3600) / 60
        val s = total % 60
        return if (h > 0) "$h:${two(m)}:${two(s)}" else "$m:${two(s)}"
    }

    private fun two(n: Long): String = n.toString().padStart(2, '0')

    /** A length in seconds, for reading aloud: "6 minuter 54 sekunder". */
    fun spokenLength(ms: ULong, t: Strings): String {
        val total = (ms / 1000uL).toLong()
        return t.spokenLength(total / 60, total % 60)
    }
}
