// Settings: the module reminder's day and time, the daily practice reminder,
// quiet hours, nudges and message alerts (the core's reminder settings), and
// the language, text size and display name (the core's preferences). The
// core refuses what does not fit (a time inside the quiet hours); the screen
// then shows why and keeps what was saved.
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.core.CourseException
import app.painschool.core.Language
import app.painschool.core.LocalTime
import app.painschool.core.Preferences
import app.painschool.core.QuietHours
import app.painschool.core.ReminderSettings
import app.painschool.core.TextSize
import app.painschool.core.Weekday
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import java.time.ZoneId

data class SettingsState(
    val title: String,
    val loading: Boolean,
    val remindersHeading: String,
    val moduleReminders: ToggleUi,
    val moduleDay: PickerUi?,
    val moduleTime: TimeUi?,
    val practice: ToggleUi,
    val practiceTime: TimeUi?,
    val quietHours: ToggleUi,
    val quietFrom: TimeUi?,
    val quietTo: TimeUi?,
    val quietHoursNote: String,
    val nudges: ToggleUi,
    val messageAlerts: ToggleUi,
    val appHeading: String,
    val language: PickerUi,
    val textSize: PickerUi,
    val displayName: TextFieldUi,
    val saveStatus: String?,
    /** Why the last change was not saved (the core refused it). */
    val settingError: String?,
    val error: ErrorState?,
)

data class ToggleUi(val label: String, val checked: Boolean, val contentDescription: String)

data class PickerUi(val label: String, val value: String, val options: List<OptionUi>, val contentDescription: String)

data class TimeUi(val label: String, val value: String, val hour: Int, val minute: Int, val contentDescription: String)

data class TextFieldUi(val label: String, val value: String, val hint: String, val contentDescription: String)

sealed interface SettingsEvent {
    data class ModuleRemindersToggled(val on: Boolean) : SettingsEvent

    /** null: the day each module opens. */
    data class ModuleDaySelected(val weekday: Weekday?) : SettingsEvent
    data class ModuleTimeSelected(val hour: Int, val minute: Int) : SettingsEvent
    data class PracticeToggled(val on: Boolean) : SettingsEvent
    data class PracticeTimeSelected(val hour: Int, val minute: Int) : SettingsEvent
    data class QuietHoursToggled(val on: Boolean) : SettingsEvent
    data class QuietFromSelected(val hour: Int, val minute: Int) : SettingsEvent
    data class QuietToSelected(val hour: Int, val minute: Int) : SettingsEvent
    data class NudgesToggled(val on: Boolean) : SettingsEvent
    data class MessageAlertsToggled(val on: Boolean) : SettingsEvent
    data class LanguageSelected(val language: Language) : SettingsEvent
    data class TextSizeSelected(val size: TextSize) : SettingsEvent
    data class DisplayNameChanged(val name: String) : SettingsEvent
    data object Retry : SettingsEvent
}

data class SettingsModel(
    val language: Language,
    val zone: ZoneId,
    val preferences: Preferences? = null,
    val settings: ReminderSettings? = null,
    val nameInput: String = "",
    /** The last practice time and quiet hours, for when a switch is turned on again. */
    val lastPractice: LocalTime? = null,
    val lastQuiet: QuietHours? = null,
    val saved: Boolean = false,
    val settingError: Throwable? = null,
    val error: Throwable? = null,
)

class SettingsPresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    private val delay: Delay = RealDelay,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
) : Presenter<SettingsModel, SettingsState, SettingsEvent>(SettingsModel(language, zone), scope, ::renderSettings) {
    private var nameSave: Job? = null

    init {
        load()
    }

    private fun load() {
        change { it.copy(error = null) }
        launchSafely({ e -> change { it.copy(error = e) } }) {
            val prefs = client.preferences()
            val settings = client.reminderSettings()
            change {
                it.copy(
                    language = prefs.language, preferences = prefs, settings = settings, nameInput = prefs.displayName.orEmpty(),
                    lastPractice = settings.practiceTime ?: it.lastPractice, lastQuiet = settings.quietHours ?: it.lastQuiet,
                )
            }
        }
    }

    override fun onEvent(event: SettingsEvent) {
        val s = model.settings
        val p = model.preferences
        when (event) {
            SettingsEvent.Retry -> load()
            is SettingsEvent.DisplayNameChanged -> {
                change { it.copy(nameInput = event.name, saved = false) }
                nameSave?.cancel()
                nameSave = launchSafely(::refused) {
                    delay.wait(AUTOSAVE_MILLIS)
                    val now = model.preferences ?: return@launchSafely
                    savePreferences(now.copy(displayName = event.name.trim().ifEmpty { null }))
                }
            }
            is SettingsEvent.LanguageSelected -> if (p != null) launchSafely(::refused) { savePreferences(p.copy(language = event.language)) }
            is SettingsEvent.TextSizeSelected -> if (p != null) launchSafely(::refused) { savePreferences(p.copy(textSize = event.size)) }
            else -> if (s != null) {
                val next = when (event) {
                    is SettingsEvent.ModuleRemindersToggled -> s.copy(moduleReminders = event.on)
                    is SettingsEvent.ModuleDaySelected -> s.copy(moduleWeekday = event.weekday)
                    is SettingsEvent.ModuleTimeSelected -> s.copy(moduleTime = time(event.hour, event.minute))
                    is SettingsEvent.PracticeToggled ->
                        s.copy(practiceTime = if (event.on) s.practiceTime ?: model.lastPractice ?: SUGGESTED_PRACTICE else null)
                    is SettingsEvent.PracticeTimeSelected -> s.copy(practiceTime = time(event.hour, event.minute))
                    is SettingsEvent.QuietHoursToggled ->
                        s.copy(quietHours = if (event.on) s.quietHours ?: model.lastQuiet ?: SUGGESTED_QUIET else null)
                    is SettingsEvent.QuietFromSelected ->
                        s.copy(quietHours = (s.quietHours ?: model.lastQuiet ?: SUGGESTED_QUIET).copy(start = time(event.hour, event.minute)))
                    is SettingsEvent.QuietToSelected ->
                        s.copy(quietHours = (s.quietHours ?: model.lastQuiet ?: SUGGESTED_QUIET).copy(end = time(event.hour, event.minute)))
                    is SettingsEvent.NudgesToggled -> s.copy(nudges = event.on)
                    is SettingsEvent.MessageAlertsToggled -> s.copy(messageAlerts = event.on)
                }
                launchSafely(::refused) {
                    client.setReminderSettings(next)
                    change {
                        it.copy(
                            settings = next, saved = true, settingError = null,
                            lastPractice = next.practiceTime ?: it.lastPractice, lastQuiet = next.quietHours ?: it.lastQuiet,
                        )
                    }
                }
            }
        }
    }

    private suspend fun savePreferences(next: Preferences) {
        client.setPreferences(next)
        change { it.copy(preferences = next, language = next.language, saved = true, settingError = null) }
    }

    /** The core refused the change: what was saved stays, and the screen says why. */
    private fun refused(e: Exception) = change { it.copy(saved = false, settingError = e) }

    private fun time(hour: Int, minute: Int) = LocalTime(hour.toUByte(), minute.toUByte())

    private companion object {
        /**
         * What a switch turned on starts with when there was no earlier choice,
         * until the patient picks a time (the core checks it like any other).
         */
        val SUGGESTED_PRACTICE = LocalTime(19u, 0u)
        val SUGGESTED_QUIET = QuietHours(LocalTime(21u, 0u), LocalTime(8u, 0u))
    }
}

fun renderSettings(m: SettingsModel): SettingsState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    val s = m.settings
    val p = m.preferences
    fun toggle(label: String, on: Boolean) = ToggleUi(label, on, "$label, ${if (on) t.on else t.off}")
    fun timeUi(label: String, time: LocalTime) =
        TimeUi(label, f.clock(time), time.hour.toInt(), time.minute.toInt(), "$label, ${f.clock(time)}")
    fun <T> picker(label: String, selected: T, options: List<Pair<T, String>>, id: (T) -> String): PickerUi {
        val value = options.firstOrNull { it.first == selected }?.second ?: ""
        return PickerUi(
            label, value,
            options.map { (o, l) -> OptionUi(id(o), l, o == selected, "$l, ${if (o == selected) t.selected else t.notSelected}") },
            "$label, $value",
        )
    }
    val moduleOn = s?.moduleReminders ?: false
    val quiet = s?.quietHours
    return SettingsState(
        title = t.settingsTitle,
        loading = (s == null || p == null) && m.error == null,
        remindersHeading = t.remindersHeading,
        moduleReminders = toggle(t.moduleReminders, moduleOn),
        moduleDay = if (s != null && moduleOn) {
            picker(t.moduleDay, s.moduleWeekday, listOf<Pair<Weekday?, String>>(null to t.openingDay) + Weekday.entries.map { it to t.weekday(it) }) { it?.name ?: "OPENING_DAY" }
        } else null,
        moduleTime = if (s != null && moduleOn) timeUi(t.moduleTime, s.moduleTime) else null,
        practice = toggle(t.practiceReminder, s?.practiceTime != null),
        practiceTime = s?.practiceTime?.let { timeUi(t.practiceTime, it) },
        quietHours = toggle(t.quietHours, quiet != null),
        quietFrom = quiet?.let { timeUi(t.quietFrom, it.start) },
        quietTo = quiet?.let { timeUi(t.quietTo, it.end) },
        quietHoursNote = t.quietHoursNote,
        nudges = toggle(t.nudges, s?.nudges ?: false),
        messageAlerts = toggle(t.messageAlerts, s?.messageAlerts ?: false),
        appHeading = t.appHeading,
        language = picker(t.languageLabel, p?.language ?: m.language, listOf(Language.SWEDISH to "Svenska", Language.ENGLISH to "English")) { it.name },
        textSize = picker(t.textSizeLabel, p?.textSize ?: TextSize.STANDARD, TextSize.entries.map { it to t.textSize(it) }) { it.name },
        displayName = TextFieldUi(t.displayNameLabel, m.nameInput, t.displayNameHint, t.displayNameLabel),
        saveStatus = if (m.saved) t.saved else null,
        settingError = m.settingError?.let { e ->
            if (e is CourseException.InvalidInput) t.settingRefused(e.reason) else errorState(e, t, f).message
        },
        error = m.error?.let { errorState(it, t, f) },
    )
}
