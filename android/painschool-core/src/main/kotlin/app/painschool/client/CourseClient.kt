// The Android app's view of the core: screens talk to `CourseClient`; the
// real implementation wraps the generated bindings, a fake drives previews
// and UI tests. Plain Kotlin (no Android APIs), so CI compiles it on the JVM
// with the generated bindings. The Keystore-backed KeyProvider lives in the
// app module, which needs the Android SDK.
package app.painschool.client

import app.painschool.core.AnswerValue
import app.painschool.core.AnswerVersion
import app.painschool.core.Clock
import app.painschool.core.Course
import app.painschool.core.CourseException
import app.painschool.core.HttpClient
import app.painschool.core.KeyProvider
import app.painschool.core.SectionView
import app.painschool.core.TaskHandle
import app.painschool.core.ThisWeek
import app.painschool.core.ThisWeekListener
import app.painschool.core.openCourse
import java.time.Instant

/** What the screens need from the course. */
interface CourseClient {
    suspend fun thisWeek(): ThisWeek
    fun observeThisWeek(onChange: (Result<ThisWeek>) -> Unit): AutoCloseable
    suspend fun openSection(id: String): SectionView
    suspend fun submit(questionId: String, entryId: String?, value: AnswerValue): AnswerVersion
}

/** The real client over the Rust core. */
class RustCourseClient private constructor(private val course: Course) : CourseClient {
    companion object {
        /**
         * Opens the course in `dataDir` with the key from `keys` (Android Keystore in the
         * app). Sync goes through `http`, the platform's own HTTP stack by default.
         */
        suspend fun open(
            dataDir: String,
            bundleDir: String,
            keys: KeyProvider,
            http: HttpClient = UrlConnectionHttpClient(),
        ): RustCourseClient = RustCourseClient(openCourse(dataDir, bundleDir, keys, SystemClock, http))
    }

    override suspend fun thisWeek(): ThisWeek = course.thisWeek()

    override fun observeThisWeek(onChange: (Result<ThisWeek>) -> Unit): AutoCloseable {
        val handle: TaskHandle = course.subscribeThisWeek(object : ThisWeekListener {
            override fun onUpdate(state: ThisWeek) = onChange(Result.success(state))
            override fun onError(error: CourseException) = onChange(Result.failure(error))
        })
        return handle
    }

    override suspend fun openSection(id: String): SectionView = course.openSection(id)

    override suspend fun submit(questionId: String, entryId: String?, value: AnswerValue): AnswerVersion =
        course.submitAnswer(questionId, entryId, value)
}

/** The device clock. */
object SystemClock : Clock {
    override fun now(): Instant = Instant.now()
}

/** A fake for previews and UI tests. */
class FakeCourseClient(var week: ThisWeek) : CourseClient {
    override suspend fun thisWeek(): ThisWeek = week
    override fun observeThisWeek(onChange: (Result<ThisWeek>) -> Unit): AutoCloseable {
        onChange(Result.success(week))
        return AutoCloseable { }
    }
    override suspend fun openSection(id: String): SectionView =
        throw CourseException.NotFound("section", id)
    override suspend fun submit(questionId: String, entryId: String?, value: AnswerValue): AnswerVersion =
        AnswerVersion(java.util.UUID.randomUUID().toString(), questionId, entryId, value, Instant.now(), null)
}
