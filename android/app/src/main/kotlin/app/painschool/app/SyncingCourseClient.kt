// The CourseClient the app's screens get: the real client, with duties
// added where no screen can forget them. After every write that the server
// must hear of (an answer, a diary entry, a message, progress, a setting)
// it asks for a sync soon; saved preferences go to the shell (language, text
// size); and it hands out the app's one player, which outlives any screen (a
// practice goes on in the background). Plain Kotlin:
// SyncingCourseClientTest checks which calls ask for a sync against the fake.
package app.painschool.app

import app.painschool.client.CourseClient
import app.painschool.client.PlayerClient
import app.painschool.core.AnswerValue
import app.painschool.core.AnswerVersion
import app.painschool.core.Message
import app.painschool.core.MessageThread
import app.painschool.core.Preferences
import app.painschool.core.ReminderSettings
import app.painschool.core.SectionView

/** Asks the OS's scheduler for a sync (WorkManager in the app, a counter in tests). */
fun interface SyncRequests {
    /** A write happened: sync soon (a burst of writes becomes one sync). */
    fun afterWrite()
}

/**
 * `inner` with a sync requested after each successful write. Drafts are not writes
 * here: they never leave the phone. Reads pass straight through.
 *
 * @param preferencesChanged told the preferences the patient saved (the shell's language
 *   and text size follow them), after they were saved.
 * @param sharedPlayer the app's one player (made on first use and kept), returned by every
 *   [player] call; closing it from a screen does nothing (the app closes it with the course).
 */
class SyncingCourseClient(
    private val inner: CourseClient,
    private val sync: SyncRequests,
    private val preferencesChanged: (Preferences) -> Unit = {},
    private val sharedPlayer: () -> PlayerClient,
) : CourseClient by inner {
    private inline fun <T> write(block: () -> T): T = block().also { sync.afterWrite() }

    /** Opening a section records progress, which goes to the clinic. */
    override suspend fun openSection(id: String): SectionView = write { inner.openSection(id) }
    override suspend fun markExerciseDone(sectionId: String) = write { inner.markExerciseDone(sectionId) }
    override suspend fun submit(questionId: String, entryId: String?, value: AnswerValue): AnswerVersion =
        write { inner.submit(questionId, entryId, value) }
    override suspend fun sendMessage(thread: MessageThread, text: String): Message = write { inner.sendMessage(thread, text) }

    /** Read receipts go to the clinic. */
    override suspend fun markThreadRead(thread: MessageThread): UInt = write { inner.markThreadRead(thread) }
    override suspend fun setPreferences(preferences: Preferences) {
        write { inner.setPreferences(preferences) }
        preferencesChanged(preferences)
    }
    override suspend fun setReminderSettings(settings: ReminderSettings) = write { inner.setReminderSettings(settings) }

    override fun player(): PlayerClient = KeptPlayer(sharedPlayer())
}

/** The app's player as a screen gets it: everything but `close`, which the app keeps for itself. */
class KeptPlayer(private val inner: PlayerClient) : PlayerClient by inner {
    /** Does nothing: the player outlives the screen. */
    override fun close() {}
}
