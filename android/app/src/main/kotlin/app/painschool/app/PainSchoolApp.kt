// The Application: it opens the course once per process and holds what
// outlives a screen. At start it copies the bundled content to a versioned
// folder in no-backup storage (ContentInstaller, all or nothing), opens the
// course off the main thread with the Keystore-sealed key, and publishes the
// app's phase (AppPhase). It holds the client the screens use (with a sync
// after each write), the one mindfulness player, the reminder plan's
// registration, the sync state and the patient's preferences, and it wipes
// and starts over once the core says the end of access is confirmed.
// No course rules here; logs name error classes only, never patient text.
package app.painschool.app

import android.app.Application
import android.app.LocaleManager
import android.os.Build
import android.os.LocaleList
import android.util.Log
import app.painschool.app.platform.AndroidAlarms
import app.painschool.app.platform.AndroidKeystoreWrapping
import app.painschool.app.platform.AssetContentSource
import app.painschool.app.platform.PlaybackService
import app.painschool.app.platform.SummaryPrinting
import app.painschool.app.sync.SyncWork
import app.painschool.client.CourseClient
import app.painschool.client.PlayerClient
import app.painschool.client.RustCourseClient
import app.painschool.core.CourseException
import app.painschool.core.Language
import app.painschool.core.Preferences
import app.painschool.core.ReminderPlan
import app.painschool.core.SyncException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import java.io.File

/** The app's process-wide state: the course, its phase, the player. */
class PainSchoolApp : Application() {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    private val lock = Any()
    private val registering = Any()

    private val phaseFlow = MutableStateFlow<AppPhase>(AppPhase.Opening)
    private val activatedFlow = MutableStateFlow<Boolean?>(null)
    private val syncProblemFlow = MutableStateFlow<SyncException?>(null)
    private val preferencesFlow = MutableStateFlow<Preferences?>(null)

    /** Opening, ready, or why the course cannot open. */
    val phase: StateFlow<AppPhase> = phaseFlow.asStateFlow()

    /** Whether this phone is activated (the core's sync state); null until the course is open. */
    val activated: StateFlow<Boolean?> = activatedFlow.asStateFlow()

    /** A sync problem the patient can act on (see [visibleSyncProblem]), else null. */
    val syncProblem: StateFlow<SyncException?> = syncProblemFlow.asStateFlow()

    /** Work that must outlive a screen (saving the drafts of a section being left). */
    val backgroundScope: CoroutineScope get() = scope

    /** The patient's language and text size, for the shell (theme, tab labels); null until read. */
    val preferences: StateFlow<Preferences?> = preferencesFlow.asStateFlow()

    private var opening: Deferred<CourseClient?>? = null
    @Volatile private var real: RustCourseClient? = null
    @Volatile private var client: CourseClient? = null
    private var kept: PlayerClient? = null
    private val subscriptions = mutableListOf<AutoCloseable>()

    /** The database key, sealed by the Keystore in no-backup storage. */
    private val keys by lazy { AndroidKeystoreWrapping.keyProvider(this) }

    override fun onCreate() {
        super.onCreate()
        AndroidAlarms.ensureChannel(this)
        PlaybackService.ensureChannel(this)
        SyncWork.schedulePeriodic(this)
        openCourse()
    }

    /**
     * Opens the course if it is not open or opening (at start, after a failure that
     * allows another try, after a wipe); the result is the client, or null when it
     * cannot open (see [phase]).
     */
    fun openCourse(): Deferred<CourseClient?> = synchronized(lock) {
        opening?.let { current ->
            if (current.isActive || client != null) return current
        }
        phaseFlow.value = AppPhase.Opening
        // File work (the content copy) and the core's open: off the main thread, on the I/O pool.
        scope.async(Dispatchers.IO) { openNow() }.also { opening = it }
    }

    /** The course's client once open, or null when it cannot open now (waits while it opens). */
    suspend fun courseOrNull(): CourseClient? = (synchronized(lock) { opening } ?: openCourse()).await()

    /** The client the screens use, once the course is open ([phase] is ready); else null. */
    fun clientOrNull(): CourseClient? = client

    /** The section the app's player has loaded, if the player exists (it is not made here). */
    fun loadedSection(): String? = synchronized(lock) { kept }?.state()?.track?.sectionId

    /** The app's one mindfulness player, made on first use; null while the course is not open. */
    fun player(): PlayerClient? = synchronized(lock) {
        kept ?: real?.player()?.also { kept = it }
    }

    private suspend fun openNow(): CourseClient? {
        var attempt = 0
        while (true) {
            try {
                val root = File(noBackupFilesDir, "painschool")
                val bundle = ContentInstaller(File(root, "content"), AssetContentSource(assets, "content")).install(stamp())
                val data = File(root, "course").apply { mkdirs() }
                val opened = RustCourseClient.open(data.path, bundle.path, keys)
                return started(opened)
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                if (opensAgainAtOnce(e, attempt)) {
                    Log.w(TAG, "the database was damaged and moved aside: opening an empty one")
                    attempt += 1
                    continue
                }
                Log.w(TAG, "the course did not open: ${e.javaClass.simpleName}")
                phaseFlow.value = phaseAfterOpenFailure(e)
                return null
            }
        }
    }

    private suspend fun started(opened: RustCourseClient): CourseClient {
        val app = SyncingCourseClient(opened, { SyncWork.afterWrite(this) }, ::applyPreferences) {
            player() ?: throw IllegalStateException("the course is not open")
        }
        synchronized(lock) {
            real = opened
            client = app
        }
        subscriptions += opened.observeSyncState { state ->
            activatedFlow.value = state.activated
            syncProblemFlow.value = visibleSyncProblem(state)
        }
        // The OS's pending reminders follow each new plan (a write, a setting, a new module).
        subscriptions += opened.observeReminderPlan { result ->
            result.onSuccess(this::registerReminders)
        }
        refreshPreferences()
        phaseFlow.value = AppPhase.Ready
        return app
    }

    /** Reads the preferences again (a sync may have brought the patient's choice from another phone). */
    suspend fun refreshPreferences() {
        val prefs = try {
            real?.preferences() ?: return
        } catch (e: CourseException) {
            return
        }
        applyPreferences(prefs)
    }

    /** The shell follows the patient's language and text size; on Android 13+ so does the app's locale. */
    private fun applyPreferences(prefs: Preferences) {
        preferencesFlow.value = prefs
        if (Build.VERSION.SDK_INT >= 33) {
            val tag = if (prefs.language == Language.ENGLISH) "en" else "sv"
            val manager = getSystemService(LocaleManager::class.java)
            if (manager.applicationLocales.toLanguageTags() != tag) manager.applicationLocales = LocaleList.forLanguageTags(tag)
        }
    }

    /** Makes the OS's pending reminders equal to `plan` (one registration at a time). */
    fun registerReminders(plan: ReminderPlan) {
        synchronized(registering) {
            try {
                AndroidAlarms.registrar(this).apply(plan)
            } catch (e: Exception) {
                Log.w(TAG, "the reminders could not be registered: ${e.javaClass.simpleName}")
            }
        }
    }

    /**
     * The app came to the front: open again if the last try may succeed now (the
     * phone was unlocked, space was freed), register the reminder plan again (the
     * notification permission may have changed) and read the preferences.
     */
    fun onForeground() {
        if (phase.value.opensAgainOnResume) openCourse()
        val c = real ?: return
        scope.launch {
            try {
                registerReminders(c.reminderPlan())
            } catch (e: CourseException) {
                // Not enrolled yet: nothing to plan.
            }
            refreshPreferences()
        }
    }

    /**
     * After a sync: once the server has confirmed the end of access and nothing is
     * unsent, the core deletes the database and its key; the app then cancels its
     * reminders, deletes shared summaries and opens an empty course (activation
     * again). True when it wiped.
     */
    suspend fun wipeIfDue(): Boolean {
        val c = real ?: return false
        if (!c.accessStatus().wipeDue || !c.wipeIfDue(keys)) return false
        Log.i(TAG, "the course was wiped after the confirmed end of access")
        synchronized(registering) { AndroidAlarms.registrar(this).clear() }
        SummaryPrinting.clear(this)
        close()
        openCourse()
        return true
    }

    private fun close() {
        synchronized(lock) {
            subscriptions.forEach { runCatching { it.close() } }
            subscriptions.clear()
            runCatching { kept?.close() }
            kept = null
            runCatching { real?.close() }
            real = null
            client = null
            opening = null
        }
        activatedFlow.value = null
        syncProblemFlow.value = null
    }

    /** This build's content version: the version code and when it was installed or updated. */
    @Suppress("DEPRECATION") // getPackageInfo(String, Int) and versionCode: the only forms on API 26.
    private fun stamp(): String {
        val info = packageManager.getPackageInfo(packageName, 0)
        val code = if (Build.VERSION.SDK_INT >= 28) info.longVersionCode else info.versionCode.toLong()
        return contentStamp(code, info.lastUpdateTime)
    }

    private companion object {
        const val TAG = "PainSchool"
    }
}
