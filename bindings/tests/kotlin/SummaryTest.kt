// The printable summary (issue 9) through the real generated bindings and
// library: PDF bytes, HTML, a written file, and when the app offers it.
package app.painschool.core.test

import app.painschool.core.*
import kotlinx.coroutines.runBlocking
import java.io.File
import java.time.Instant
import kotlin.test.*
import org.junit.Test

class SummaryTest {
    private val clock = FixedClock(Instant.parse("2026-11-03T09:00:00Z"))

    private suspend fun enrolled(): Course {
        val c = openCourse(Paths0.tempDir().toString(), Paths0.bundle, MemoryKeys(), clock, NoNetwork())
        c.enrol(weekly())
        return c
    }

    /** Synthetic, with å/ä/ö and the characters HTML must escape. */
    private val answer = "Jag vilar före smärtan & rör mig <lagom>, \"så\" går det bäst"
    private val escaped = "Jag vilar före smärtan &amp; rör mig &lt;lagom&gt;, &quot;så&quot; går det bäst"

    private fun ByteArray.startsWithPdf() = size > 5 && String(copyOfRange(0, 5), Charsets.US_ASCII) == "%PDF-"

    @Test
    fun theSummaryHoldsTheAnswerAsPdfHtmlAndFiles(): Unit = runBlocking {
        val c = enrolled()
        c.submitAnswer("m1-reflection-learned", null, AnswerValue.Text(answer))

        val pdf = c.summaryPdf()
        assertTrue(pdf.startsWithPdf(), "PDF bytes")
        assertTrue(pdf.size > 1_000)

        val html = c.summaryHtml()
        assertTrue(html.contains(escaped), "the answer, escaped")
        assertFalse(html.contains("<lagom>"), "nothing the patient wrote is markup")

        val dir = Paths0.tempDir()
        val pdfPath = dir.resolve("sammanfattning.pdf").toString()
        assertEquals(pdfPath, c.writeSummary(pdfPath, SummaryFormat.PDF))
        val pdfFile = File(pdfPath)
        assertTrue(pdfFile.exists() && pdfFile.length() > 0)
        assertTrue(pdfFile.readBytes().startsWithPdf())

        val htmlPath = dir.resolve("sammanfattning.html").toString()
        assertEquals(htmlPath, c.writeSummary(htmlPath, SummaryFormat.HTML))
        val htmlFile = File(htmlPath)
        assertTrue(htmlFile.exists() && htmlFile.length() > 0)
        assertTrue(htmlFile.readText().contains(escaped))
        assertEquals(setOf("sammanfattning.pdf", "sammanfattning.html"), dir.toFile().list()!!.toSet(), "no part file left")

        // At the start of the course the app does not put it forward.
        val offer = c.summaryOffer()
        assertNull(offer.reason)
        assertNull(offer.until)
    }

    @Test
    fun itIsOfferedFromTheLastModuleAndForFourteenDaysAfterTheEnd(): Unit = runBlocking {
        val c = enrolled()
        // Weekly from Monday 2026-11-02: module 8 opens seven weeks on.
        clock.instant = Instant.parse("2026-12-21T09:00:00Z")
        assertEquals(SummaryOffer(SummaryOfferReason.LAST_MODULE, null), c.summaryOffer())
        // Access ends 2027-11-02 08:00 UTC; the 14 days run to 2027-11-16 08:00 UTC.
        clock.instant = Instant.parse("2027-11-03T09:00:00Z")
        val ended = c.summaryOffer()
        assertEquals(SummaryOfferReason.ACCESS_ENDED, ended.reason)
        assertEquals(Instant.parse("2027-11-16T08:00:00Z"), ended.until)
        // It can still be made then, though the content is locked.
        assertTrue(c.summaryPdf().startsWithPdf())
        clock.instant = Instant.parse("2027-11-20T09:00:00Z")
        assertEquals(SummaryOffer(null, null), c.summaryOffer())
    }

    @Test
    fun failuresAreTypedAndLeaveNoFile(): Unit = runBlocking {
        val fresh = openCourse(Paths0.tempDir().toString(), Paths0.bundle, MemoryKeys(), clock, NoNetwork())
        assertFailsWith<CourseException.NotEnrolled> { fresh.summaryPdf() }
        assertFailsWith<CourseException.NotEnrolled> { fresh.summaryHtml() }

        val c = enrolled()
        c.submitAnswer("m1-reflection-learned", null, AnswerValue.Text(answer))
        val dir = Paths0.tempDir()
        val missing = dir.resolve("no-such-folder").resolve("sammanfattning.pdf").toString()
        val e = assertFailsWith<CourseException.Internal> { c.writeSummary(missing, SummaryFormat.PDF) }
        assertFalse(e.reason.contains("smärtan"), "no answer text in the error")
        assertTrue(dir.toFile().list()!!.isEmpty(), "nothing written")
    }
}
