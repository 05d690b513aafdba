// Where the app is while it opens the course, and what a failure to open
// means for the patient. Plain Kotlin (no Android imports): PainSchoolApp
// sets the phase, the root screen draws it, and AppPhaseTest checks every
// mapping on the JVM. The core decides what went wrong; this only sorts its
// typed answer into what the app does next.
package app.painschool.app

import app.painschool.core.Language
import app.painschool.core.OpenException
import app.painschool.presenter.ErrorState
import app.painschool.presenter.Format
import app.painschool.presenter.errorState
import app.painschool.presenter.strings
import java.io.IOException
import java.time.ZoneId

/** The app's phase: opening, ready, or why the course cannot open. */
sealed interface AppPhase {
    /** Copying the content (first start, app update) and opening the course. */
    data object Opening : AppPhase

    /** The course is open; the screens run (activation first if not activated). */
    data object Ready : AppPhase

    /**
     * The key cannot be read now (the Keystore is locked or failing). Nothing was
     * created: the app waits for the unlock and opens again when it comes back to
     * the front. It never starts a fresh database over the patient's work.
     */
    data class KeyUnavailable(val cause: Throwable) : AppPhase

    /** The course content shipped with the app is broken (a packaging fault): update the app. */
    data class ContentBroken(val cause: Throwable) : AppPhase

    /** The phone's storage is full: free space, then open again. */
    data class StorageFull(val cause: Throwable) : AppPhase

    /** A newer version of the app wrote the database: update the app. */
    data class DatabaseTooNew(val cause: Throwable) : AppPhase

    /**
     * The key does not open the database, or the database is damaged and was not moved
     * aside. Kept as it is (it may hold unsent work); the clinic helps.
     */
    data class DatabaseUnreadable(val cause: Throwable) : AppPhase

    /** Anything else (an unexpected failure in the core): try again. */
    data class Failed(val cause: Throwable) : AppPhase
}

/** Whether coming back to the front should try to open the course again. */
val AppPhase.opensAgainOnResume: Boolean
    get() = when (this) {
        is AppPhase.KeyUnavailable, is AppPhase.StorageFull, is AppPhase.Failed -> true
        else -> false
    }

/**
 * The phase after `open` failed with `e`: the bindings' `OpenException`, or an
 * `IOException` while copying the content (a full disk says so itself: see
 * [ContentInstaller]).
 */
fun phaseAfterOpenFailure(e: Throwable): AppPhase = when (e) {
    is OpenException.KeyUnavailable -> AppPhase.KeyUnavailable(e)
    is OpenException.ContentBroken -> AppPhase.ContentBroken(e)
    is OpenException.StorageFull -> AppPhase.StorageFull(e)
    is OpenException.DatabaseTooNew -> AppPhase.DatabaseTooNew(e)
    is OpenException.WrongKey, is OpenException.DatabaseCorrupt -> AppPhase.DatabaseUnreadable(e)
    is ContentInstaller.NoSpace -> AppPhase.StorageFull(OpenException.StorageFull())
    is IOException -> AppPhase.ContentBroken(OpenException.ContentBroken(1u))
    else -> AppPhase.Failed(e)
}

/**
 * Whether to open again at once after `e`: the core moved a damaged database aside
 * (never deleted), so a second open starts an empty one and sync brings back what
 * the clinic has. Only once: a second failure is shown.
 */
fun opensAgainAtOnce(e: Throwable, attempt: Int): Boolean =
    attempt == 0 && e is OpenException.DatabaseCorrupt && e.movedAside

/** What the phase screen shows (message and action), in `language`; null while opening or ready. */
fun AppPhase.problem(language: Language, zone: ZoneId = ZoneId.systemDefault()): ErrorState? {
    val cause = when (this) {
        AppPhase.Opening, AppPhase.Ready -> return null
        is AppPhase.KeyUnavailable -> cause
        is AppPhase.ContentBroken -> cause
        is AppPhase.StorageFull -> cause
        is AppPhase.DatabaseTooNew -> cause
        is AppPhase.DatabaseUnreadable -> cause
        is AppPhase.Failed -> cause
    }
    return errorState(cause, strings(language), Format(language, zone))
}
