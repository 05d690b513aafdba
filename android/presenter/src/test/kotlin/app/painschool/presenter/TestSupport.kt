// What the presenter tests share: a screen scope that runs work at once on
// the calling thread, a delay released by hand, and the fixed zone.
package app.painschool.presenter

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.suspendCancellableCoroutine
import java.time.ZoneId
import kotlin.coroutines.Continuation
import kotlin.coroutines.resume

val STOCKHOLM: ZoneId = ZoneId.of("Europe/Stockholm")

/**
 * A screen's scope for tests against the fake: `Dispatchers.Unconfined`, so
 * a presenter's work (the fake never suspends) is done when `onEvent` returns.
 */
class TestScreen : AutoCloseable {
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.Unconfined)
    override fun close() = scope.cancel()
}

/** An autosave delay that waits until the test calls [release]: no sleeping. */
class ManualDelay : Delay {
    private val waiting = mutableListOf<Continuation<Unit>>()
    private val count = MutableStateFlow(0)
    val requested: MutableList<Long> = java.util.Collections.synchronizedList(mutableListOf())

    /** Waits still pending (a newer keystroke cancels the older wait). */
    val pending: Int get() = synchronized(waiting) { waiting.size }

    /** The number of pending waits, as it changes (for presenters on other threads). */
    val pendingFlow: StateFlow<Int> = count

    override suspend fun wait(millis: Long) {
        requested += millis
        suspendCancellableCoroutine { c ->
            synchronized(waiting) { waiting += c; count.value = waiting.size }
            c.invokeOnCancellation { synchronized(waiting) { waiting -= c; count.value = waiting.size } }
        }
    }

    /** Ends every pending wait now. */
    fun release() {
        val all = synchronized(waiting) { waiting.toList().also { waiting.clear(); count.value = 0 } }
        all.forEach { it.resume(Unit) }
    }
}
