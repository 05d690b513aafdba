// Test doubles the apps would implement for real: a key store, a clock and
// an HTTP client that has no network.
package app.painschool.core.test

import app.painschool.core.*
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.time.Instant
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/** An in-memory key store (the apps use Keychain / Keystore). */
class MemoryKeys(var key: ByteArray? = null) : KeyProvider {
    var stores = 0
    override fun get(): ByteArray? = key
    override fun store(key: ByteArray) { this.key = key; stores += 1 }
    override fun delete() { key = null }
}

/** A key store that is locked (as before the first unlock after a restart). */
class LockedKeys : KeyProvider {
    override fun get(): ByteArray? = throw KeyStoreException.Unavailable("locked")
    override fun store(key: ByteArray) = throw KeyStoreException.Unavailable("locked")
    override fun delete() = throw KeyStoreException.Unavailable("locked")
}

/** An HTTP client without a network, for courses that never sync. */
class NoNetwork : HttpClient {
    var calls = 0
    override suspend fun send(request: HttpRequest): HttpResponse {
        calls += 1
        throw HttpException.Unreachable()
    }
}

/** A clock the test sets. */
class FixedClock(@Volatile var instant: Instant) : Clock {
    override fun now(): Instant = instant
}

/** Collects what a this-week stream delivers. */
class Recorder : ThisWeekListener {
    val updates = LinkedBlockingQueue<ThisWeek>()
    val errors = LinkedBlockingQueue<CourseException>()
    override fun onUpdate(state: ThisWeek) { updates.add(state) }
    override fun onError(error: CourseException) { errors.add(error) }

    /** The next update; fails the test if none comes within 30 s. */
    fun next(): ThisWeek =
        updates.poll(30, TimeUnit.SECONDS) ?: throw AssertionError("no update within 30 s")
}

object Paths0 {
    /** The repository's content bundle (the tests run from the repo root). */
    val bundle: String = Paths.get("content").toAbsolutePath().toString()
    fun tempDir(): Path = Files.createTempDirectory("painschool-kt")
}

/** Monday 2026-11-02 08:00 UTC, the start of the test enrolments. */
val START: Instant = Instant.parse("2026-11-02T08:00:00Z")

fun weekly(start: Instant = START) = Enrolment(
    start = start,
    timeZone = "Europe/Stockholm",
    pace = Pace.Weekly,
    readAhead = false,
    manualUnlocks = listOf(),
    accessEnd = null,
)
