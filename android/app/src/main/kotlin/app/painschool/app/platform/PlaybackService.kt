// Mindfulness audio in the background: a foreground service of type
// mediaPlayback while the core's player plays, with a media session (lock
// screen, notification, headset and Bluetooth buttons: play, pause, seek),
// audio focus for speech, and "becoming noisy" (headphones out), both
// handed to the core through AudioInterruptions. The core's player (the
// app's one PlayerClient, PainSchoolApp.player()) makes the sound and decides
// every state; this service only mirrors it to the OS.
package app.painschool.app.platform

import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.app.Service
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.content.pm.ServiceInfo
import android.media.AudioAttributes
import android.media.AudioFocusRequest
import android.media.AudioManager
import android.media.MediaMetadata
import android.media.session.MediaSession
import android.media.session.PlaybackState
import android.net.Uri
import android.os.IBinder
import androidx.core.app.NotificationCompat
import androidx.core.app.ServiceCompat
import androidx.core.content.ContextCompat
import app.painschool.app.PainSchoolApp
import app.painschool.app.R
import app.painschool.client.PlayerClient
import app.painschool.core.PlayerState
import app.painschool.core.PlayerStatus
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch

/** Started by the player screen when playback starts; stops itself when playback stops. */
class PlaybackService : Service() {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Main.immediate)
    /** The app's player; null if the course is not open (then the service stops at once). */
    private var player: PlayerClient? = null
    private lateinit var session: MediaSession
    private var interruptions: AudioInterruptions? = null
    private lateinit var audio: AudioManager
    private lateinit var focus: AudioFocusRequest
    private var subscription: AutoCloseable? = null
    private var title: String = ""
    private var noisyRegistered = false

    private val noisy = object : BroadcastReceiver() {
        override fun onReceive(context: Context, intent: Intent) {
            if (intent.action == AudioManager.ACTION_AUDIO_BECOMING_NOISY) {
                scope.launch { runCatching { interruptions?.onBecomingNoisy() } }
            }
        }
    }

    override fun onCreate() {
        super.onCreate()
        // Made by the player screen already; a failing sound device leaves the service without one.
        val p = runCatching { (application as PainSchoolApp).player() }.getOrNull()
        player = p
        interruptions = p?.let { AudioInterruptions(ClientPlayer(it)) }
        audio = getSystemService(AudioManager::class.java)
        focus = AudioFocusRequest.Builder(AudioManager.AUDIOFOCUS_GAIN)
            .setAudioAttributes(
                AudioAttributes.Builder()
                    .setUsage(AudioAttributes.USAGE_MEDIA)
                    .setContentType(AudioAttributes.CONTENT_TYPE_SPEECH)
                    .build(),
            )
            // Speech pauses rather than ducks; AudioInterruptions gets the "may duck" change.
            .setWillPauseWhenDucked(true)
            .setOnAudioFocusChangeListener { change -> scope.launch { runCatching { interruptions?.onFocusChange(change) } } }
            .build()
        session = MediaSession(this, "painschool-mindfulness").apply {
            setCallback(object : MediaSession.Callback() {
                override fun onPlay() { scope.launch { if (requestFocus()) runCatching { player?.play() } } }
                override fun onPause() { scope.launch { runCatching { player?.pause() } } }
                override fun onStop() { scope.launch { runCatching { player?.stop() } } }
                override fun onSeekTo(pos: Long) { scope.launch { runCatching { player?.seek(pos.coerceAtLeast(0).toULong()) } } }
            })
            isActive = true
        }
        subscription = p?.observe { state -> scope.launch { mirror(state) } }
    }

    override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int {
        title = intent?.getStringExtra(EXTRA_TITLE) ?: getString(R.string.mindfulness)
        // Foreground at once (Android requires it within seconds of startForegroundService).
        val p = player
        ServiceCompat.startForeground(
            this,
            NOTIFICATION_ID,
            notification(p?.state()),
            ServiceInfo.FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK,
        )
        if (p == null) {
            // The course is not open (the process was started for this alone): nothing to play.
            ServiceCompat.stopForeground(this, ServiceCompat.STOP_FOREGROUND_REMOVE)
            stopSelf()
            return START_NOT_STICKY
        }
        requestFocus()
        return START_NOT_STICKY
    }

    private fun requestFocus(): Boolean =
        audio.requestAudioFocus(focus) == AudioManager.AUDIOFOCUS_REQUEST_GRANTED

    /** The OS's view follows the core's state. */
    private fun mirror(state: PlayerState) {
        val playing = state.status == PlayerStatus.Playing
        session.setPlaybackState(
            PlaybackState.Builder()
                .setActions(
                    PlaybackState.ACTION_PLAY or PlaybackState.ACTION_PAUSE or
                        PlaybackState.ACTION_PLAY_PAUSE or PlaybackState.ACTION_SEEK_TO or PlaybackState.ACTION_STOP,
                )
                .setState(
                    when (state.status) {
                        PlayerStatus.Playing -> PlaybackState.STATE_PLAYING
                        PlayerStatus.Paused, PlayerStatus.Ready -> PlaybackState.STATE_PAUSED
                        PlayerStatus.Loading -> PlaybackState.STATE_BUFFERING
                        is PlayerStatus.Failed -> PlaybackState.STATE_ERROR
                        else -> PlaybackState.STATE_STOPPED
                    },
                    state.positionMs.toLong(),
                    if (playing) 1f else 0f,
                )
                .build(),
        )
        state.track?.let {
            session.setMetadata(
                MediaMetadata.Builder()
                    .putString(MediaMetadata.METADATA_KEY_TITLE, title)
                    .putString(MediaMetadata.METADATA_KEY_ARTIST, getString(R.string.app_name))
                    .putLong(MediaMetadata.METADATA_KEY_DURATION, it.durationMs.toLong())
                    .build(),
            )
        }
        // Headphones matter only while sound plays.
        if (playing && !noisyRegistered) {
            ContextCompat.registerReceiver(
                this, noisy, IntentFilter(AudioManager.ACTION_AUDIO_BECOMING_NOISY), ContextCompat.RECEIVER_NOT_EXPORTED,
            )
            noisyRegistered = true
        } else if (!playing && noisyRegistered) {
            unregisterReceiver(noisy)
            noisyRegistered = false
        }
        when (state.status) {
            PlayerStatus.Idle, PlayerStatus.Ended -> {
                audio.abandonAudioFocusRequest(focus)
                ServiceCompat.stopForeground(this, ServiceCompat.STOP_FOREGROUND_REMOVE)
                stopSelf()
            }
            else -> getSystemService(android.app.NotificationManager::class.java)
                .notify(NOTIFICATION_ID, notification(state))
        }
    }

    private fun notification(state: PlayerState?): Notification {
        val playing = state?.status == PlayerStatus.Playing
        val open = PendingIntent.getActivity(
            this, 0,
            Intent(Intent.ACTION_VIEW, Uri.parse("painschool://mindfulness")).setPackage(packageName),
            PendingIntent.FLAG_IMMUTABLE,
        )
        return NotificationCompat.Builder(this, CHANNEL)
            .setSmallIcon(R.drawable.ic_notification)
            .setContentTitle(title)
            .setContentIntent(open)
            .setOngoing(playing)
            .setSilent(true)
            .setVisibility(NotificationCompat.VISIBILITY_PUBLIC)
            .setStyle(
                androidx.media.app.NotificationCompat.MediaStyle()
                    .setMediaSession(android.support.v4.media.session.MediaSessionCompat.Token.fromToken(session.sessionToken)),
            )
            .build()
    }

    override fun onBind(intent: Intent?): IBinder? = null

    override fun onDestroy() {
        subscription?.close()
        if (noisyRegistered) unregisterReceiver(noisy)
        audio.abandonAudioFocusRequest(focus)
        session.release()
        scope.cancel()
        super.onDestroy()
    }

    companion object {
        /** The exercise's title for the notification and lock screen. */
        const val EXTRA_TITLE = "title"
        /** The playback notification's channel (low importance, silent). */
        const val CHANNEL = "playback"
        private const val NOTIFICATION_ID = 4711

        /** The playback channel: low importance, so it is silent and does not pop up (idempotent; the name is localized). */
        fun ensureChannel(context: Context) = ensureNotificationChannel(
            context, CHANNEL, R.string.channel_playback, R.string.channel_playback_description,
            NotificationManager.IMPORTANCE_LOW,
        )

        /** Starts the service for the exercise `title` (call when playback starts). */
        fun start(context: Context, title: String) {
            ContextCompat.startForegroundService(
                context,
                Intent(context, PlaybackService::class.java).putExtra(EXTRA_TITLE, title),
            )
        }
    }
}
