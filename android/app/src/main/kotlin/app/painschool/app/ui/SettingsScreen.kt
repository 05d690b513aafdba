// Settings, drawn from SettingsState: the module reminder (on/off, the day
// as a list of choices, the time as a 24-hour clock), the daily practice
// reminder, quiet hours, nudges and message alerts; then the app: language,
// text size (applied at once through the theme) and the name to be called.
// The core refuses what does not fit (a time inside the quiet hours); the
// screen shows why, from the state.
package app.painschool.app.ui

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.painschool.app.ShellAction
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.core.TextSize
import app.painschool.core.Weekday
import app.painschool.presenter.SettingsEvent
import app.painschool.presenter.SettingsPresenter
import app.painschool.presenter.SettingsState

/** Settings with their presenter. */
@Composable
fun SettingsRoute(client: CourseClient, language: Language, onShellAction: (ShellAction) -> Unit) {
    val presenter = rememberPresenter(client) { SettingsPresenter(client, it, language = language) }
    val state by presenter.state.collectAsStateWithLifecycle()
    SettingsScreen(state, presenter::onEvent, onShellAction)
}

/** Draws [SettingsState]. Picker option ids are the core's enum names (OPENING_DAY: null). */
@Composable
fun SettingsScreen(state: SettingsState, onEvent: (SettingsEvent) -> Unit, onShellAction: (ShellAction) -> Unit) {
    ScreenLayout {
        ScreenHeader(state.title, state.loading, state.error, { onEvent(SettingsEvent.Retry) }, onShellAction)
        state.settingError?.let { StatusText(it, error = true) }
        state.saveStatus?.let { StatusText(it) }

        Heading(state.remindersHeading, large = false)
        ToggleRow(state.moduleReminders) { onEvent(SettingsEvent.ModuleRemindersToggled(it)) }
        state.moduleDay?.let { day ->
            PickerGroup(day) { id -> onEvent(SettingsEvent.ModuleDaySelected(Weekday.entries.firstOrNull { it.name == id })) }
        }
        state.moduleTime?.let { TimeRow(it) { h, m -> onEvent(SettingsEvent.ModuleTimeSelected(h, m)) } }
        ToggleRow(state.practice) { onEvent(SettingsEvent.PracticeToggled(it)) }
        state.practiceTime?.let { TimeRow(it) { h, m -> onEvent(SettingsEvent.PracticeTimeSelected(h, m)) } }
        ToggleRow(state.quietHours) { onEvent(SettingsEvent.QuietHoursToggled(it)) }
        state.quietFrom?.let { TimeRow(it) { h, m -> onEvent(SettingsEvent.QuietFromSelected(h, m)) } }
        state.quietTo?.let { TimeRow(it) { h, m -> onEvent(SettingsEvent.QuietToSelected(h, m)) } }
        BodyText(state.quietHoursNote, secondary = true)
        ToggleRow(state.nudges) { onEvent(SettingsEvent.NudgesToggled(it)) }
        ToggleRow(state.messageAlerts) { onEvent(SettingsEvent.MessageAlertsToggled(it)) }

        Heading(state.appHeading, large = false)
        PickerGroup(state.language) { id ->
            Language.entries.firstOrNull { it.name == id }?.let { onEvent(SettingsEvent.LanguageSelected(it)) }
        }
        PickerGroup(state.textSize) { id ->
            TextSize.entries.firstOrNull { it.name == id }?.let { onEvent(SettingsEvent.TextSizeSelected(it)) }
        }
        OutlinedTextField(
            value = state.displayName.value,
            onValueChange = { onEvent(SettingsEvent.DisplayNameChanged(it)) },
            label = { Text(state.displayName.label) },
            supportingText = { Text(state.displayName.hint) },
            singleLine = true,
            modifier = Modifier.fillMaxWidth().semantics { contentDescription = state.displayName.contentDescription },
        )
    }
}
