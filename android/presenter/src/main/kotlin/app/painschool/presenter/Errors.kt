// Every failure a screen can meet becomes a message and one action. The
// bindings' errors carry no patient text, and neither does what is shown.
package app.painschool.presenter

import app.painschool.core.CourseException
import app.painschool.core.OpenException
import app.painschool.core.PlayerException
import app.painschool.core.PlayerFailure
import app.painschool.core.SyncException

/** What the patient can do about an error. */
enum class ErrorAction {
    /** Try the same thing again. */
    RETRY,

    /** Open the phone's settings (storage, sound). */
    OPEN_SETTINGS,

    /** Contact the clinic (the shell opens the messages or the clinic's number). */
    CONTACT_CLINIC,
}

/** An error as the screen shows it. */
data class ErrorState(
    val message: String,
    val action: ErrorAction,
    val actionLabel: String,
)

/** The message and action for `e`, in the patient's language. */
fun errorState(e: Throwable, t: Strings, f: Format): ErrorState {
    fun of(message: String, action: ErrorAction) = ErrorState(message, action, t.errorAction(action))
    return when (e) {
        is CourseException.NotEnrolled -> of(t.errNotEnrolled, ErrorAction.CONTACT_CLINIC)
        is CourseException.NotFound -> of(t.errNotFound, ErrorAction.RETRY)
        is CourseException.ModuleLocked -> of(t.errModuleLocked(e.opensAt?.let(f::date)), ErrorAction.RETRY)
        is CourseException.AccessEnded -> of(t.errAccessEnded, ErrorAction.CONTACT_CLINIC)
        is CourseException.InvalidAnswer -> of(t.invalidAnswer(e.rule), ErrorAction.RETRY)
        is CourseException.InvalidInput -> of(t.errInvalidInput, ErrorAction.RETRY)
        is CourseException.StorageFull -> of(t.errStorageFull, ErrorAction.OPEN_SETTINGS)
        is CourseException.DatabaseCorrupt -> of(t.errDatabase, ErrorAction.CONTACT_CLINIC)
        is CourseException.Internal -> of(t.errInternal, ErrorAction.RETRY)
        is SyncException.NotActivated -> of(t.errNotActivated, ErrorAction.CONTACT_CLINIC)
        is SyncException.InvalidServerUrl -> of(t.errServerAddress, ErrorAction.CONTACT_CLINIC)
        is SyncException.InvalidCode -> of(t.errInvalidCode, ErrorAction.CONTACT_CLINIC)
        is SyncException.TooManyAttempts -> of(t.errTooManyAttempts(minutes(e.retryAfterSeconds)), ErrorAction.RETRY)
        is SyncException.Offline -> of(t.errOffline, ErrorAction.RETRY)
        is SyncException.Unauthorized, is SyncException.DeviceRevoked -> of(t.errDeviceNotAccepted, ErrorAction.CONTACT_CLINIC)
        is SyncException.AccessEnded -> of(t.errAccessEnded, ErrorAction.CONTACT_CLINIC)
        is SyncException.ServerUnavailable -> of(t.errServerBusy, ErrorAction.RETRY)
        is SyncException.ServerException -> of(t.errServerProblem, ErrorAction.CONTACT_CLINIC)
        is SyncException.StorageFull -> of(t.errStorageFull, ErrorAction.OPEN_SETTINGS)
        is SyncException.Internal -> of(t.errInternal, ErrorAction.RETRY)
        is PlayerException.Failed -> when (e.kind) {
            PlayerFailure.NO_RECORDING, PlayerFailure.NOT_AVAILABLE -> of(t.errNoRecording, ErrorAction.RETRY)
            PlayerFailure.MISSING, PlayerFailure.HASH_MISMATCH, PlayerFailure.UNSUPPORTED,
            PlayerFailure.CORRUPT, PlayerFailure.ENDED_EARLY -> of(t.errRecordingBroken, ErrorAction.CONTACT_CLINIC)
            PlayerFailure.DEVICE -> of(t.errSound, ErrorAction.OPEN_SETTINGS)
            PlayerFailure.STORAGE -> of(t.errStorageFull, ErrorAction.OPEN_SETTINGS)
            PlayerFailure.NOTHING_LOADED, PlayerFailure.INTERNAL -> of(t.errInternal, ErrorAction.RETRY)
        }
        is OpenException.KeyUnavailable -> of(t.errLocked, ErrorAction.RETRY)
        is OpenException.StorageFull -> of(t.errStorageFull, ErrorAction.OPEN_SETTINGS)
        is OpenException.DatabaseTooNew -> of(t.errUpdateApp, ErrorAction.OPEN_SETTINGS)
        is OpenException -> of(t.errDatabase, ErrorAction.CONTACT_CLINIC)
        else -> of(t.errInternal, ErrorAction.RETRY)
    }
}

/** Whole minutes, rounded up; at least one. */
private fun minutes(seconds: ULong?): Long = seconds?.let { ((it.toLong() + 59) / 60).coerceAtLeast(1) } ?: 1
