// What Android tells the app about audio (focus changes, headphones
// unplugged), passed to the core's player, which decides: an interruption
// pauses, and playback resumes only when the OS says it should. Plain Kotlin
// (the focus codes are Android's documented values), so the mapping is
// tested on the JVM against the real player; PlaybackService feeds it.
package app.painschool.app.platform

import app.painschool.client.PlayerClient
import app.painschool.core.MindfulnessPlayer

/** The player calls the OS's audio events map to (the core's player, or a fake). */
interface InterruptiblePlayer {
    /** A call or another app's sound began: pause. */
    suspend fun interruptionBegan()

    /** It ended; `resume` says whether the OS wants playback to go on. */
    suspend fun interruptionEnded(resume: Boolean)

    /** Headphones came out: pause (never blare into the room). */
    suspend fun headphonesUnplugged()
}

/** The core's player as an [InterruptiblePlayer]. */
class CorePlayer(private val player: MindfulnessPlayer) : InterruptiblePlayer {
    override suspend fun interruptionBegan() = player.interruptionBegan()
    override suspend fun interruptionEnded(resume: Boolean) = player.interruptionEnded(resume)
    override suspend fun headphonesUnplugged() = player.headphonesUnplugged()
}

/** The app's [PlayerClient] (what PlaybackService holds) as an [InterruptiblePlayer]. */
class ClientPlayer(private val player: PlayerClient) : InterruptiblePlayer {
    override suspend fun interruptionBegan() = player.interruptionBegan()
    override suspend fun interruptionEnded(resume: Boolean) = player.interruptionEnded(resume)
    override suspend fun headphonesUnplugged() = player.headphonesUnplugged()
}

/** Maps audio focus changes to the player, remembering whether a loss was temporary. */
class AudioInterruptions(private val player: InterruptiblePlayer) {
    private var interrupted = false
    private var transient = false

    /**
     * An `AudioManager.OnAudioFocusChangeListener` value. A guided exercise is speech, so a
     * "may duck" loss pauses too (talking over a voice helps no one). A permanent loss (another
     * app plays) pauses for good: the patient starts again when they want to.
     */
    suspend fun onFocusChange(change: Int) {
        when (change) {
            AUDIOFOCUS_LOSS_TRANSIENT, AUDIOFOCUS_LOSS_TRANSIENT_CAN_DUCK -> {
                if (!interrupted) player.interruptionBegan()
                interrupted = true
                transient = true
            }
            AUDIOFOCUS_LOSS -> {
                if (!interrupted) player.interruptionBegan()
                player.interruptionEnded(resume = false)
                interrupted = false
                transient = false
            }
            AUDIOFOCUS_GAIN -> {
                if (interrupted) player.interruptionEnded(resume = transient)
                interrupted = false
                transient = false
            }
        }
    }

    /** `AudioManager.ACTION_AUDIO_BECOMING_NOISY`. */
    suspend fun onBecomingNoisy() = player.headphonesUnplugged()

    companion object {
        /** `AudioManager.AUDIOFOCUS_GAIN`. */
        const val AUDIOFOCUS_GAIN = 1

        /** `AudioManager.AUDIOFOCUS_LOSS`. */
        const val AUDIOFOCUS_LOSS = -1

        /** `AudioManager.AUDIOFOCUS_LOSS_TRANSIENT`. */
        const val AUDIOFOCUS_LOSS_TRANSIENT = -2

        /** `AudioManager.AUDIOFOCUS_LOSS_TRANSIENT_CAN_DUCK`. */
        const val AUDIOFOCUS_LOSS_TRANSIENT_CAN_DUCK = -3
    }
}
