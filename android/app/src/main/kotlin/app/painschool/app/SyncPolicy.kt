// Background sync's rules on the app's side: how often and how soon, what a
// failed sync tells WorkManager, when the next try is due after the core
// deferred one, and which sync states the patient sees. The core decides
// what is sent and when a retry may contact the server; this only maps its
// typed answers. Plain Kotlin, tested in SyncPolicyTest.
package app.painschool.app

import app.painschool.core.SyncActivity
import app.painschool.core.SyncErrorReason
import app.painschool.core.SyncException
import app.painschool.core.SyncReport
import app.painschool.core.SyncState
import java.time.Duration
import java.time.Instant

/** When the app syncs in the background. */
object SyncSchedule {
    /** The periodic sync (WorkManager's unique periodic work), with a network. */
    val PERIOD: Duration = Duration.ofHours(6)

    /** How long after a write the one-time sync waits, so a burst of writes is one sync. */
    val AFTER_WRITE: Duration = Duration.ofSeconds(10)

    /** The first retry's delay; WorkManager doubles it (exponential), up to its cap of 5 hours. */
    val BACKOFF: Duration = Duration.ofSeconds(30)

    /** The unique name of the periodic work. */
    const val PERIODIC = "sync-periodic"

    /** The unique name of the one-time work (on open, after a write, after a deferral). */
    const val ONCE = "sync-once"
}

/** What a sync run tells WorkManager. */
enum class SyncOutcome {
    /** Done (or nothing to do: not activated yet). */
    SUCCESS,

    /** Try again later with backoff (no network, the server busy or refusing for now). */
    RETRY,

    /** Stop: this phone is no longer connected to the clinic, or access has ended. */
    FAILURE,
}

/** The outcome of a sync that threw `e` (null: it returned). */
fun syncOutcome(e: Throwable?): SyncOutcome = when (e) {
    null, is SyncException.NotActivated -> SyncOutcome.SUCCESS
    is SyncException.Offline, is SyncException.ServerUnavailable, is SyncException.ServerException,
    is SyncException.TooManyAttempts, is SyncException.StorageFull, is SyncException.Internal,
    -> SyncOutcome.RETRY
    is SyncException.DeviceRevoked, is SyncException.Unauthorized, is SyncException.AccessEnded,
    is SyncException.InvalidServerUrl, is SyncException.InvalidCode,
    -> SyncOutcome.FAILURE
    // Not a sync answer (the course could not be opened in the background, for example
    // before the first unlock): the work comes back later.
    else -> SyncOutcome.RETRY
}

/**
 * How long to wait before syncing again when the core deferred this sync (a retry is
 * not due yet after a failure); null when it was not deferred.
 */
fun syncAgainAfter(report: SyncReport, now: Instant): Duration? =
    report.deferredUntil?.let { until -> Duration.between(now, until).takeIf { !it.isNegative } ?: Duration.ZERO }

/**
 * The sync problem the patient should see, from the core's sync state, as the
 * exception whose message and action the screens already know; null when there is
 * nothing for the patient to do (idle, syncing, offline, the server busy: the core
 * tries again by itself, and the screens say "no connection" where it matters).
 */
fun visibleSyncProblem(state: SyncState): SyncException? {
    val error = state.activity as? SyncActivity.Error ?: return null
    return when (error.reason) {
        SyncErrorReason.INSECURE_SERVER_URL -> SyncException.InvalidServerUrl()
        SyncErrorReason.UNAUTHORIZED -> SyncException.Unauthorized()
        SyncErrorReason.DEVICE_REVOKED -> SyncException.DeviceRevoked()
        SyncErrorReason.SERVER_REJECTED, SyncErrorReason.BAD_RESPONSE -> SyncException.ServerException()
        SyncErrorReason.STORAGE -> SyncException.StorageFull()
        // Not activated: the activation screen shows. Access ended: this week and the
        // access screen say so. Busy or internal: the core retries.
        SyncErrorReason.NOT_ACTIVATED, SyncErrorReason.ACCESS_ENDED,
        SyncErrorReason.SERVER_UNAVAILABLE, SyncErrorReason.INTERNAL,
        -> null
    }
}
