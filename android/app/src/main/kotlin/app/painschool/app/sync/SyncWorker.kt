// Background sync through WorkManager: a periodic unique job every 6 hours
// with a network, and one unique one-time job on app open, shortly after each
// write, and when the core deferred a sync. The worker opens the course if
// the process was started for it, calls sync_now, and maps the core's typed
// answer to WorkManager's result (SyncPolicy.kt): retry when offline or the
// server is busy, success when not activated, failure when this phone is cut
// off. After a sync it wipes once the core says the end of access is
// confirmed. Failures are not shown from here: the screens show what the
// core's sync state says (PainSchoolApp.syncProblem).
package app.painschool.app.sync

import android.content.Context
import android.util.Log
import androidx.work.BackoffPolicy
import androidx.work.Constraints
import androidx.work.CoroutineWorker
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.WorkerParameters
import app.painschool.app.PainSchoolApp
import app.painschool.app.SyncOutcome
import app.painschool.app.SyncSchedule
import app.painschool.app.syncAgainAfter
import app.painschool.app.syncOutcome
import java.time.Duration
import java.time.Instant
import java.util.concurrent.TimeUnit

/** One sync run. */
class SyncWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val app = applicationContext as PainSchoolApp
        val failure: Throwable? = try {
            val client = app.courseOrNull() ?: throw IllegalStateException("the course is not open")
            val report = client.syncNow()
            app.wipeIfDue()
            // Last: this REPLACEs the one-time work, which may be this very run.
            syncAgainAfter(report, Instant.now())?.let { SyncWork.later(applicationContext, it) }
            null
        } catch (e: kotlinx.coroutines.CancellationException) {
            throw e
        } catch (e: Exception) {
            e
        }
        val outcome = syncOutcome(failure)
        if (failure != null) Log.i(TAG, "sync: ${failure.javaClass.simpleName} -> $outcome")
        return when (outcome) {
            SyncOutcome.SUCCESS -> Result.success()
            SyncOutcome.RETRY -> Result.retry()
            SyncOutcome.FAILURE -> Result.failure()
        }
    }

    private companion object {
        const val TAG = "PainSchoolSync"
    }
}

/** Scheduling [SyncWorker]. */
object SyncWork {
    private val network = Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build()

    /**
     * The periodic sync, every 6 hours with a network. KEEP: enqueued at every start,
     * it must not push the next run further away each time the app opens.
     */
    fun schedulePeriodic(context: Context) {
        val request = PeriodicWorkRequestBuilder<SyncWorker>(SyncSchedule.PERIOD.toMinutes(), TimeUnit.MINUTES)
            .setConstraints(network)
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, SyncSchedule.BACKOFF.seconds, TimeUnit.SECONDS)
            .build()
        WorkManager.getInstance(context).enqueueUniquePeriodicWork(SyncSchedule.PERIODIC, ExistingPeriodicWorkPolicy.KEEP, request)
    }

    /** The app came to the front: sync now. */
    fun now(context: Context) = once(context, Duration.ZERO)

    /** A write happened: sync a little later, so a burst of writes is one sync. */
    fun afterWrite(context: Context) = once(context, SyncSchedule.AFTER_WRITE)

    /** The core deferred the sync: try again when it said. */
    fun later(context: Context, delay: Duration) = once(context, delay)

    /**
     * One sync after `delay`. REPLACE: the newest reason wins, so a burst of writes
     * becomes one sync after the last of them. A sync that REPLACE stops half way loses
     * nothing (the outbox keeps each change until the server confirms it, and the server
     * applies a change once); KEEP could leave a write made during a running sync
     * waiting for the 6-hour periodic run.
     */
    private fun once(context: Context, delay: Duration) {
        val request = OneTimeWorkRequestBuilder<SyncWorker>()
            .setConstraints(network)
            .setInitialDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, SyncSchedule.BACKOFF.seconds, TimeUnit.SECONDS)
            .build()
        WorkManager.getInstance(context).enqueueUniqueWork(SyncSchedule.ONCE, ExistingWorkPolicy.REPLACE, request)
    }
}
