// Background sync's rules (SyncPolicy.kt): what each sync failure tells
// WorkManager, when a deferred sync comes back, and that only problems the
// patient can act on are shown, in both languages.
package app.painschool.app

import app.painschool.core.Language
import app.painschool.core.SyncActivity
import app.painschool.core.SyncErrorReason
import app.painschool.core.SyncException
import app.painschool.core.SyncReport
import app.painschool.core.SyncState
import app.painschool.presenter.Format
import app.painschool.presenter.errorState
import app.painschool.presenter.strings
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import kotlin.test.*
import org.junit.Test

class SyncPolicyTest {
    @Test
    fun theWorkerRetriesWhenOfflineOrBusySucceedsWhenNotActivatedAndStopsWhenCutOff() {
        assertEquals(SyncOutcome.SUCCESS, syncOutcome(null))
        assertEquals(SyncOutcome.SUCCESS, syncOutcome(SyncException.NotActivated()))
        assertEquals(SyncOutcome.RETRY, syncOutcome(SyncException.Offline()))
        assertEquals(SyncOutcome.RETRY, syncOutcome(SyncException.ServerUnavailable(120uL)))
        assertEquals(SyncOutcome.RETRY, syncOutcome(SyncException.ServerException()))
        assertEquals(SyncOutcome.RETRY, syncOutcome(SyncException.StorageFull()))
        assertEquals(SyncOutcome.FAILURE, syncOutcome(SyncException.DeviceRevoked()))
        assertEquals(SyncOutcome.FAILURE, syncOutcome(SyncException.AccessEnded()))
        assertEquals(SyncOutcome.FAILURE, syncOutcome(SyncException.Unauthorized()))
        // The course could not open in the background (say, before the first unlock): later.
        assertEquals(SyncOutcome.RETRY, syncOutcome(IllegalStateException("not open")))
    }

    @Test
    fun aDeferredSyncComesBackWhenTheCoreSaysAndNotBefore() {
        val now = Instant.parse("2026-11-03T09:00:00Z")
        assertNull(syncAgainAfter(SyncReport(1u, 0u, 2u, null), now))
        assertEquals(Duration.ofSeconds(90), syncAgainAfter(SyncReport(0u, 0u, 0u, now.plusSeconds(90)), now))
        assertEquals(Duration.ZERO, syncAgainAfter(SyncReport(0u, 0u, 0u, now.minusSeconds(5)), now))
    }

    @Test
    fun onlyProblemsThePatientCanActOnAreShown() {
        fun state(activity: SyncActivity) = SyncState(activity, true, null, null)
        assertNull(visibleSyncProblem(state(SyncActivity.Idle)))
        assertNull(visibleSyncProblem(state(SyncActivity.Offline)))
        assertNull(visibleSyncProblem(state(SyncActivity.Syncing(1u, 3u))))
        assertNull(visibleSyncProblem(state(SyncActivity.Error(SyncErrorReason.SERVER_UNAVAILABLE))))
        assertNull(visibleSyncProblem(state(SyncActivity.Error(SyncErrorReason.NOT_ACTIVATED))))
        assertNull(visibleSyncProblem(state(SyncActivity.Error(SyncErrorReason.ACCESS_ENDED))))
        assertIs<SyncException.DeviceRevoked>(visibleSyncProblem(state(SyncActivity.Error(SyncErrorReason.DEVICE_REVOKED))))
        assertIs<SyncException.Unauthorized>(visibleSyncProblem(state(SyncActivity.Error(SyncErrorReason.UNAUTHORIZED))))
        assertIs<SyncException.StorageFull>(visibleSyncProblem(state(SyncActivity.Error(SyncErrorReason.STORAGE))))
        val zone = ZoneId.of("Europe/Stockholm")
        for (reason in SyncErrorReason.entries) {
            val problem = visibleSyncProblem(state(SyncActivity.Error(reason))) ?: continue
            for (language in Language.entries) {
                assertTrue(errorState(problem, strings(language), Format(language, zone)).message.isNotBlank())
            }
        }
    }

    @Test
    fun theScheduleIsSixHoursWithASettlingDelayAfterWrites() {
        assertEquals(Duration.ofHours(6), SyncSchedule.PERIOD)
        assertTrue(SyncSchedule.AFTER_WRITE.seconds in 1..60)
        // WorkManager refuses a backoff under 10 seconds.
        assertTrue(SyncSchedule.BACKOFF.seconds >= 10)
        assertNotEquals(SyncSchedule.PERIODIC, SyncSchedule.ONCE)
    }
}
