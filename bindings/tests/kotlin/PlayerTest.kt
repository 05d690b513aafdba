// The mindfulness player through the real generated bindings and library,
// on the device-less output: the test plays audio with `advance`, so every
// step is deterministic (no threads, no sleeps).
package app.painschool.core.test

import app.painschool.core.*
import kotlinx.coroutines.runBlocking
import java.time.Instant
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.test.*
import org.junit.Test

/** Collects the player's states. */
class StateRecorder : PlayerListener {
    val states = LinkedBlockingQueue<PlayerState>()
    override fun onState(state: PlayerState) { states.add(state) }

    /** The next state that [ok] accepts; fails after 30 s without one. */
    fun until(ok: (PlayerState) -> Boolean): PlayerState {
        while (true) {
            val s = states.poll(30, TimeUnit.SECONDS) ?: throw AssertionError("no such state within 30 s")
            if (ok(s)) return s
        }
    }
}

class PlayerTest {
    private val clock = FixedClock(Instant.parse("2026-11-03T09:00:00Z"))

    private suspend fun course(): Course {
        val c = openCourse(Paths0.tempDir().toString(), Paths0.bundle, MemoryKeys(), clock, NoNetwork())
        c.enrol(weekly())
        return c
    }

    @Test
    fun subscribePlayPauseSeekAndPlayToTheEnd(): Unit = runBlocking {
        val c = course()
        val p = c.player()
        val r = StateRecorder()
        p.subscribe(r).use {
            assertEquals(PlayerStatus.Idle, r.until { true }.status)
            val loaded = p.load("m1-breathing")
            assertEquals("m1-breathing", loaded.track.sectionId)
            assertEquals(Language.SWEDISH, loaded.track.language)
            assertNull(loaded.resumeAtMs)
            r.until { it.status == PlayerStatus.Ready }
            p.play()
            r.until { it.status == PlayerStatus.Playing }
            assertEquals(5_000uL, p.advance(5_000uL))
            val at = r.until { it.positionMs >= 4_900uL }
            assertEquals(PlayerStatus.Playing, at.status)
            p.pause()
            val paused = r.until { it.status == PlayerStatus.Paused }
            p.advance(2_000uL)
            assertEquals(paused.positionMs, p.state().positionMs, "paused: the position stays")
            p.seek(100_000uL)
            assertTrue(p.state().positionMs in 99_999uL..100_000uL)
            p.play()
            p.advance(340_000uL)
            r.until { it.status == PlayerStatus.Ended }
        }
        // 5 s + 331 s heard (the skipped 95 s not): 336 s, six minutes.
        assertEquals(6u, c.practiceToday().minutes)
    }

    @Test
    fun theResumeOfferAndInterruptions(): Unit = runBlocking {
        val c = course()
        val p = c.player()
        p.load("m1-breathing")
        p.playFrom(30_000uL)
        p.advance(15_000uL)
        p.interruptionBegan()
        assertEquals(PlayerStatus.Paused, p.state().status)
        p.interruptionEnded(false)
        assertEquals(PlayerStatus.Paused, p.state().status, "never resumes by itself")
        p.play()
        p.interruptionBegan()
        p.interruptionEnded(true)
        assertEquals(PlayerStatus.Playing, p.state().status)
        p.headphonesUnplugged()
        assertEquals(PlayerStatus.Paused, p.state().status)
        p.setVolume(0.5f)
        assertEquals(0.5f, p.state().volume)
        p.stop()
        // A new player (as after a restart) offers to continue.
        val again = c.player().load("m1-breathing")
        assertTrue(again.resumeAtMs!! in 44_000uL..46_000uL)
        assertEquals("0:45", again.resumeLabel)
    }

    @Test
    fun badInputIsATypedErrorAndThePlayerStaysUsable(): Unit = runBlocking {
        val c = course()
        val p = c.player()
        val none = assertFailsWith<PlayerException.Failed> { p.load("m1-welcome") }
        assertEquals(PlayerFailure.NO_RECORDING, none.kind)
        assertTrue(p.state().status is PlayerStatus.Failed)
        val locked = assertFailsWith<PlayerException.Failed> { p.load("m2-mindful-movement") }
        assertTrue(locked.kind == PlayerFailure.NOT_AVAILABLE || locked.kind == PlayerFailure.NO_RECORDING)
        assertFailsWith<PlayerException.Failed> { p.play() }.also {
            assertEquals(PlayerFailure.NOTHING_LOADED, it.kind)
        }
        p.load("m1-audio-intro")
        p.play()
        p.advance(60_000uL)
        assertEquals(PlayerStatus.Ended, p.state().status)
    }
}
