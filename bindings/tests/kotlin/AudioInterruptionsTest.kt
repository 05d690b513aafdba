// The Android app's audio-focus mapping (android/app/.../AudioInterruptions.kt)
// on the JVM against the real core player (device-less output): a call
// pauses and the end of it resumes; another app taking the sound for good
// pauses and stays paused; unplugged headphones pause.
package app.painschool.core.test

import app.painschool.app.platform.AudioInterruptions
import app.painschool.app.platform.AudioInterruptions.Companion.AUDIOFOCUS_GAIN
import app.painschool.app.platform.AudioInterruptions.Companion.AUDIOFOCUS_LOSS
import app.painschool.app.platform.AudioInterruptions.Companion.AUDIOFOCUS_LOSS_TRANSIENT
import app.painschool.app.platform.AudioInterruptions.Companion.AUDIOFOCUS_LOSS_TRANSIENT_CAN_DUCK
import app.painschool.app.platform.CorePlayer
import app.painschool.core.*
import kotlinx.coroutines.runBlocking
import java.time.Instant
import kotlin.test.*
import org.junit.Test

class AudioInterruptionsTest {
    @Test
    fun focusChangesAndUnpluggedHeadphonesReachTheCorePlayer(): Unit = runBlocking {
        val c = openCourse(Paths0.tempDir().toString(), Paths0.bundle, MemoryKeys(),
            FixedClock(Instant.parse("2026-11-03T09:00:00Z")), NoNetwork())
        c.enrol(weekly())
        val p = c.player()
        p.load("m1-breathing")
        p.play()
        p.advance(5_000uL)
        val focus = AudioInterruptions(CorePlayer(p))

        // A call: paused; the call ends: playing again.
        focus.onFocusChange(AUDIOFOCUS_LOSS_TRANSIENT)
        assertEquals(PlayerStatus.Paused, p.state().status)
        focus.onFocusChange(AUDIOFOCUS_GAIN)
        assertEquals(PlayerStatus.Playing, p.state().status)

        // A navigation voice ("may duck"): speech pauses rather than ducks, then goes on.
        focus.onFocusChange(AUDIOFOCUS_LOSS_TRANSIENT_CAN_DUCK)
        assertEquals(PlayerStatus.Paused, p.state().status)
        focus.onFocusChange(AUDIOFOCUS_GAIN)
        assertEquals(PlayerStatus.Playing, p.state().status)

        // Another app plays music: paused, and focus coming back does not restart it.
        focus.onFocusChange(AUDIOFOCUS_LOSS)
        assertEquals(PlayerStatus.Paused, p.state().status)
        focus.onFocusChange(AUDIOFOCUS_GAIN)
        assertEquals(PlayerStatus.Paused, p.state().status)

        // Headphones out while playing: paused.
        p.play()
        focus.onBecomingNoisy()
        assertEquals(PlayerStatus.Paused, p.state().status)
        p.stop()
    }
}
