// The shape every screen shares (element-x-android's Presenter/State/Event):
// a presenter holds a private model, renders it into an immutable state with
// a pure function, and takes the screen's events. Plain Kotlin: no Android.
package app.painschool.presenter

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch

/**
 * A screen's presenter. `M` is what it knows (core records and what the
 * patient typed), `S` what the screen shows, `E` what the screen reports.
 *
 * - `render` is pure: the same model always gives the same state, so the
 *   state can be snapshot-tested.
 * - Work runs in `scope` (the screen's); when the scope ends, subscriptions
 *   are closed.
 * - A failure never escapes: [launchSafely] hands it to the presenter,
 *   which turns it into an error state.
 */
abstract class Presenter<M, S, E>(
    initial: M,
    protected val scope: CoroutineScope,
    private val render: (M) -> S,
) {
    private val lock = Any()
    private var current: M = initial
    private val mutable = MutableStateFlow(render(initial))

    /** What the screen shows. */
    val state: StateFlow<S> = mutable.asStateFlow()

    /** What the screen reports. */
    abstract fun onEvent(event: E)

    /** The model now. */
    protected val model: M get() = synchronized(lock) { current }

    /** Changes the model and publishes the new state (safe from any thread). */
    protected fun change(update: (M) -> M) {
        synchronized(lock) {
            current = update(current)
            mutable.value = render(current)
        }
    }

    /**
     * Runs `block` in the screen's scope (or `where`, for work that must outlive the
     * screen); an exception goes to `onFailure`, never up.
     */
    protected fun launchSafely(
        onFailure: (Exception) -> Unit,
        where: CoroutineScope = scope,
        block: suspend CoroutineScope.() -> Unit,
    ): Job =
        where.launch {
            try {
                block()
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                onFailure(e)
            }
        }

    /** Closes `handle` when the screen's scope ends. */
    protected fun closeWithScope(handle: AutoCloseable) {
        val job = scope.coroutineContext[Job]
        if (job == null) return
        job.invokeOnCompletion { runCatching { handle.close() } }
    }
}

/** Waits before an autosave. Tests pass one they release by hand, so nothing sleeps. */
fun interface Delay {
    suspend fun wait(millis: Long)
}

/** The real wait: `kotlinx.coroutines.delay`. */
val RealDelay = Delay { kotlinx.coroutines.delay(it) }

/** How long typing must pause before a draft is saved. */
const val AUTOSAVE_MILLIS = 800L
