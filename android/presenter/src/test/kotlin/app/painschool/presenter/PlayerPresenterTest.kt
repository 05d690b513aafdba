package app.painschool.presenter

import app.painschool.client.FakeCourseClient
import app.painschool.client.FakePlayerClient
import app.painschool.core.PlayerFailure
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class PlayerPresenterTest {
    private fun fake(player: FakePlayerClient = FakePlayerClient()) = FakeCourseClient.enrolled().also { it.fakePlayer = player }

    @Test
    fun itOffersToContinueWhereThePatientStopped(): Unit = TestScreen().use { screen ->
        val player = FakePlayerClient(resumeAt = 252_000uL to "4:12")
        val fake = fake(player)
        fake.practiceMinutes = 6u
        val p = PlayerPresenter(fake, screen.scope, "m1-breathing", STOCKHOLM)
        Golden.check("player-resume-offer", p.state.value)
        assertEquals("Vill du fortsätta där du slutade, vid 4:12?", p.state.value.resumeOffer?.text)

        p.onEvent(PlayerEvent.ContinueFromSaved)
        assertEquals("playFrom 252000", player.calls.last())
        assertNull(p.state.value.resumeOffer)
        player.advance(10_000uL)
        Golden.check("player-playing", p.state.value)
        assertEquals(PlayStatus.PLAYING, p.state.value.status)
        assertEquals("Pausa", p.state.value.playPause.label)
    }

    @Test
    fun startOverPlaysFromTheBeginning(): Unit = TestScreen().use { screen ->
        val player = FakePlayerClient(resumeAt = 252_000uL to "4:12")
        val p = PlayerPresenter(fake(player), screen.scope, "m1-breathing", STOCKHOLM)
        p.onEvent(PlayerEvent.StartOver)
        assertEquals("playFrom 0", player.calls.last())
        assertNull(p.state.value.resumeOffer)
    }

    @Test
    fun playPauseSeekAndTheMinutesOfToday(): Unit = TestScreen().use { screen ->
        val player = FakePlayerClient()
        val fake = fake(player)
        val p = PlayerPresenter(fake, screen.scope, "m1-breathing", STOCKHOLM)
        assertNull(p.state.value.resumeOffer)
        assertEquals(PlayStatus.READY, p.state.value.status)
        p.onEvent(PlayerEvent.PlayPause)
        assertEquals(PlayStatus.PLAYING, p.state.value.status)
        player.advance(65_000uL)
        p.onEvent(PlayerEvent.SkipBack)
        assertEquals(50_000L, p.state.value.positionMs)
        p.onEvent(PlayerEvent.SkipForward)
        p.onEvent(PlayerEvent.SkipForward)
        assertEquals(80_000L, p.state.value.positionMs)
        p.onEvent(PlayerEvent.SeekTo(-5))
        assertEquals(0L, p.state.value.positionMs)
        p.onEvent(PlayerEvent.SeekTo(65_000))
        fake.practiceMinutes = 1u
        p.onEvent(PlayerEvent.PlayPause)
        Golden.check("player-paused", p.state.value)
        assertEquals("I dag har du övat 1 minut.", p.state.value.minutesToday, "read again on pause")
        assertEquals("1 minut 5 sekunder av 6 minuter 54 sekunder", p.state.value.seekValueDescription)
    }

    @Test
    fun theEndOffersToMarkItDone(): Unit = TestScreen().use { screen ->
        val player = FakePlayerClient(durationMs = 60_000uL)
        val fake = fake(player)
        val p = PlayerPresenter(fake, screen.scope, "m1-breathing", STOCKHOLM)
        p.onEvent(PlayerEvent.PlayPause)
        fake.practiceMinutes = 7u
        player.advance(120_000uL)
        Golden.check("player-ended", p.state.value)
        p.onEvent(PlayerEvent.MarkDone)
        assertTrue("m1-breathing" in fake.exercisesDone)
        assertTrue(p.state.value.exercise!!.done)
        p.onEvent(PlayerEvent.PlayPause)
        assertEquals("playFrom 0", player.calls.last(), "play after the end starts again")
    }

    @Test
    fun theAudioSessionsSignalsReachThePlayer(): Unit = TestScreen().use { screen ->
        val player = FakePlayerClient()
        val p = PlayerPresenter(fake(player), screen.scope, "m1-breathing", STOCKHOLM)
        p.onEvent(PlayerEvent.PlayPause)
        p.onEvent(PlayerEvent.InterruptionBegan)
        assertEquals(PlayStatus.PAUSED, p.state.value.status)
        p.onEvent(PlayerEvent.InterruptionEnded(resume = false))
        assertEquals(PlayStatus.PAUSED, p.state.value.status, "never resumes by itself")
        p.onEvent(PlayerEvent.PlayPause)
        p.onEvent(PlayerEvent.HeadphonesUnplugged)
        assertEquals(PlayStatus.PAUSED, p.state.value.status)
        assertEquals(listOf("interruptionBegan", "interruptionEnded false", "headphonesUnplugged"),
            player.calls.filter { it.startsWith("interruption") || it.startsWith("headphones") })
    }

    @Test
    fun aBrokenRecordingSaysWhereToTurn(): Unit = TestScreen().use { screen ->
        val player = FakePlayerClient()
        player.loadFailure = PlayerFailure.HASH_MISMATCH
        val p = PlayerPresenter(fake(player), screen.scope, "m1-breathing", STOCKHOLM)
        Golden.check("player-failed", p.state.value)
        assertEquals(ErrorAction.CONTACT_CLINIC, p.state.value.error?.action)
        assertFalse(p.state.value.playPause.enabled)
        player.loadFailure = null
        p.onEvent(PlayerEvent.Retry)
        assertNull(p.state.value.error)
        assertEquals(PlayStatus.READY, p.state.value.status)
    }

    @Test
    fun thePlayerClosesWithTheScreen() {
        val player = FakePlayerClient()
        val screen = TestScreen()
        PlayerPresenter(fake(player), screen.scope, "m1-breathing", STOCKHOLM)
        assertFalse(player.closed)
        screen.close()
        assertTrue(player.closed)
    }
}
