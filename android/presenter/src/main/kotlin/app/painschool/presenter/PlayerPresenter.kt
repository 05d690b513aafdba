// The mindfulness player: play and pause, seek, an offer to continue where
// the patient stopped, and today's practice minutes (no streaks, no scores).
// The core's player keeps the position and the practice log; the shell's
// audio session reports interruptions through the events here.
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.client.PlayerClient
import app.painschool.core.Language
import app.painschool.core.LoadedTrack
import app.painschool.core.PlayerState
import app.painschool.core.PlayerStatus
import kotlinx.coroutines.CoroutineScope
import java.time.ZoneId

data class PlayerScreenState(
    val title: String,
    val loading: Boolean,
    val status: PlayStatus,
    val statusLabel: String?,
    val position: String,
    val duration: String,
    val positionMs: Long,
    val durationMs: Long,
    val playPause: ControlUi,
    val skipBack: ControlUi,
    val skipForward: ControlUi,
    /** What TalkBack reads for the seek bar. */
    val seekContentDescription: String,
    val seekValueDescription: String,
    val resumeOffer: ResumeOfferUi?,
    val minutesToday: String?,
    val exercise: ExerciseUi?,
    val error: ErrorState?,
)

enum class PlayStatus { LOADING, READY, PLAYING, PAUSED, ENDED, FAILED }

data class ControlUi(val label: String, val contentDescription: String, val enabled: Boolean)

data class ResumeOfferUi(val text: String, val continueLabel: String, val startOverLabel: String)

sealed interface PlayerEvent {
    data object PlayPause : PlayerEvent
    data class SeekTo(val positionMs: Long) : PlayerEvent
    data object SkipBack : PlayerEvent
    data object SkipForward : PlayerEvent

    /** Accept the offer to continue where the patient stopped. */
    data object ContinueFromSaved : PlayerEvent
    data object StartOver : PlayerEvent
    data object MarkDone : PlayerEvent

    // From the shell's audio session.
    data object InterruptionBegan : PlayerEvent
    data class InterruptionEnded(val resume: Boolean) : PlayerEvent
    data object HeadphonesUnplugged : PlayerEvent
    data object Retry : PlayerEvent
}

data class PlayerModel(
    val language: Language,
    val zone: ZoneId,
    val title: String? = null,
    val loaded: LoadedTrack? = null,
    val player: PlayerState? = null,
    val offerOpen: Boolean = false,
    val minutesToday: UInt? = null,
    val done: Boolean = false,
    val error: Throwable? = null,
)

class PlayerPresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    private val sectionId: String,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
) : Presenter<PlayerModel, PlayerScreenState, PlayerEvent>(PlayerModel(language, zone), scope, ::renderPlayer) {
    @Volatile private var player: PlayerClient? = null

    init {
        start()
    }

    private fun failed(e: Exception) = change { it.copy(error = e) }

    private fun start() {
        change { it.copy(error = null) }
        launchSafely(::failed) {
            val lang = client.preferences().language
            val view = client.openSection(sectionId)
            change { it.copy(language = lang, title = view.title) }
            val p = player ?: client.player().also { p ->
                player = p
                closeWithScope(p)
                closeWithScope(p.observe { s -> onPlayerState(s) })
            }
            val loaded = p.load(sectionId)
            change { it.copy(loaded = loaded, offerOpen = loaded.resumeAtMs != null) }
            refreshMinutes()
        }
    }

    private fun onPlayerState(s: PlayerState) {
        val before = model.player?.status
        change { it.copy(player = s) }
        if (before != s.status && (s.status == PlayerStatus.Paused || s.status == PlayerStatus.Ended)) refreshMinutes()
    }

    private fun refreshMinutes() = launchSafely({ /* minutes are a nicety */ }) {
        val today = client.practiceToday()
        change { it.copy(minutesToday = today.minutes) }
    }

    private fun control(block: suspend PlayerClient.() -> Unit) {
        val p = player ?: return
        launchSafely(::failed) { p.block() }
    }

    override fun onEvent(event: PlayerEvent) {
        val position = model.player?.positionMs ?: 0uL
        val duration = model.loaded?.track?.durationMs ?: 0uL
        when (event) {
            PlayerEvent.PlayPause -> {
                change { it.copy(offerOpen = false) }
                control { if (state().status == PlayerStatus.Playing) pause() else if (state().status == PlayerStatus.Ended) playFrom(0uL) else play() }
            }
            is PlayerEvent.SeekTo -> control { seek(event.positionMs.coerceIn(0, duration.toLong()).toULong()) }
            PlayerEvent.SkipBack -> control { seek(if (position > SKIP_MS) position - SKIP_MS else 0uL) }
            PlayerEvent.SkipForward -> control { seek(minOf(position + SKIP_MS, duration)) }
            PlayerEvent.ContinueFromSaved -> {
                val at = model.loaded?.resumeAtMs ?: 0uL
                change { it.copy(offerOpen = false) }
                control { playFrom(at) }
            }
            PlayerEvent.StartOver -> {
                change { it.copy(offerOpen = false) }
                control { playFrom(0uL) }
            }
            PlayerEvent.MarkDone -> launchSafely(::failed) {
                client.markExerciseDone(sectionId)
                change { it.copy(done = true) }
            }
            PlayerEvent.InterruptionBegan -> control { interruptionBegan() }
            is PlayerEvent.InterruptionEnded -> control { interruptionEnded(event.resume) }
            PlayerEvent.HeadphonesUnplugged -> control { headphonesUnplugged() }
            PlayerEvent.Retry -> start()
        }
    }

    private companion object {
        const val SKIP_MS = 15_000uL
    }
}

fun renderPlayer(m: PlayerModel): PlayerScreenState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    val p = m.player
    val status = when (val s = p?.status) {
        null, PlayerStatus.Idle, PlayerStatus.Loading -> if (m.error != null) PlayStatus.FAILED else PlayStatus.LOADING
        PlayerStatus.Ready -> PlayStatus.READY
        PlayerStatus.Playing -> PlayStatus.PLAYING
        PlayerStatus.Paused -> PlayStatus.PAUSED
        PlayerStatus.Ended -> PlayStatus.ENDED
        is PlayerStatus.Failed -> PlayStatus.FAILED
    }
    val loaded = m.loaded != null && status != PlayStatus.FAILED
    val positionMs = p?.positionMs ?: 0uL
    val durationMs = m.loaded?.track?.durationMs ?: 0uL
    val title = m.title ?: t.loading
    val playing = status == PlayStatus.PLAYING
    return PlayerScreenState(
        title = title,
        loading = status == PlayStatus.LOADING && m.error == null,
        status = status,
        statusLabel = t.playStatus(status),
        position = f.length(positionMs),
        duration = f.length(durationMs),
        positionMs = positionMs.toLong(),
        durationMs = durationMs.toLong(),
        playPause = ControlUi(
            if (playing) t.pause else t.play,
            if (playing) t.pauseDescription(title) else t.playDescription(title),
            loaded,
        ),
        skipBack = ControlUi(t.skipBack, t.skipBackDescription, loaded),
        skipForward = ControlUi(t.skipForward, t.skipForwardDescription, loaded),
        seekContentDescription = t.seekDescription,
        seekValueDescription = t.positionOf(f.spokenLength(positionMs, t), f.spokenLength(durationMs, t)),
        resumeOffer = m.loaded?.resumeLabel?.takeIf { m.offerOpen }?.let {
            ResumeOfferUi(t.resumeOffer(it), t.resumeContinue, t.resumeStartOver)
        },
        minutesToday = m.minutesToday?.let { t.minutesToday(it.toInt()) },
        exercise = if (status == PlayStatus.ENDED || m.done) {
            ExerciseUi(m.done, if (m.done) t.done else t.markDone, if (m.done) t.done else t.markDoneDescription(title))
        } else null,
        error = m.error?.let { errorState(it, t, f) },
    )
}
