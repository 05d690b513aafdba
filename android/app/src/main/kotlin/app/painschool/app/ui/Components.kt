// The pieces every screen is built from, with accessibility built in: the
// screen layout (everything scrolls; primary actions pinned at the bottom
// within thumb reach), headings marked for TalkBack, buttons of at least
// 48 dp labelled from the state, error cards that announce themselves, rows
// for switches, choices and times, and the course's Markdown. No texts of
// their own: labels come from the presenters' states, Strings (LocalStrings)
// or the shell's texts (LocalShellTexts).
package app.painschool.app.ui

import androidx.compose.foundation.background
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.IntrinsicSize
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.Checkbox
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Surface
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TimePicker
import androidx.compose.material3.minimumInteractiveComponentSize
import androidx.compose.material3.rememberTimePickerState
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.runtime.staticCompositionLocalOf
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.onClick
import androidx.compose.ui.semantics.role
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.text.AnnotatedString
import androidx.compose.ui.text.SpanStyle
import androidx.compose.ui.text.buildAnnotatedString
import androidx.compose.ui.text.font.FontStyle
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.withStyle
import androidx.compose.ui.unit.dp
import app.painschool.app.MdBlock
import app.painschool.app.MdSpan
import app.painschool.app.ShellAction
import app.painschool.app.ShellTexts
import app.painschool.app.SwedishShell
import app.painschool.app.parseMarkdown
import app.painschool.app.shellAction
import app.painschool.presenter.ErrorState
import app.painschool.presenter.LinkUi
import app.painschool.presenter.OptionUi
import app.painschool.presenter.PickerUi
import app.painschool.presenter.Strings
import app.painschool.presenter.Swedish
import app.painschool.presenter.TimeUi
import app.painschool.presenter.ToggleUi
import kotlinx.coroutines.CoroutineScope

/** The presenters' texts in the patient's language (for the few labels a state does not carry). */
val LocalStrings = staticCompositionLocalOf<Strings> { Swedish }

/** The shell's own texts in the patient's language. */
val LocalShellTexts = staticCompositionLocalOf<ShellTexts> { SwedishShell }

/**
 * A screen: `content` scrolls (nothing is cut off at 200 % text), and `bottom`, if
 * any, holds the primary actions at the bottom edge, within reach of one thumb.
 */
@Composable
fun ScreenLayout(
    bottom: (@Composable ColumnScope.() -> Unit)? = null,
    content: @Composable ColumnScope.() -> Unit,
) {
    Column(Modifier.fillMaxSize()) {
        Column(
            Modifier.weight(1f).fillMaxWidth().verticalScroll(rememberScrollState()).padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(16.dp),
            content = content,
        )
        if (bottom != null) {
            Surface(color = MaterialTheme.colorScheme.surfaceContainer) {
                Column(
                    Modifier.fillMaxWidth().padding(horizontal = 16.dp, vertical = 8.dp),
                    verticalArrangement = Arrangement.spacedBy(8.dp),
                    content = bottom,
                )
            }
        }
    }
}

/** A screen's or a part's heading (TalkBack's heading navigation finds it). */
@Composable
fun Heading(text: String, large: Boolean = true) {
    Text(
        text,
        style = if (large) MaterialTheme.typography.headlineSmall else MaterialTheme.typography.titleMedium,
        modifier = Modifier.semantics { heading() },
    )
}

/** Running text. */
@Composable
fun BodyText(text: String, secondary: Boolean = false) {
    Text(
        text,
        style = MaterialTheme.typography.bodyLarge,
        color = if (secondary) MaterialTheme.colorScheme.onSurfaceVariant else MaterialTheme.colorScheme.onSurface,
    )
}

/** A status line TalkBack reads when it changes (saving, saved, sending). */
@Composable
fun StatusText(text: String, error: Boolean = false) {
    Text(
        text,
        style = MaterialTheme.typography.bodyMedium,
        color = if (error) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant,
        modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
    )
}

/** An action button's size and label: full width, at least 48 dp high, TalkBack's description from the state. */
private fun actionModifier(description: String?): Modifier =
    Modifier.fillMaxWidth().heightIn(min = 48.dp).semantics { description?.let { contentDescription = it } }

/** The main action. */
@Composable
fun PrimaryButton(label: String, onClick: () -> Unit, enabled: Boolean = true, description: String? = null) {
    Button(onClick = onClick, enabled = enabled, modifier = actionModifier(description)) { Text(label) }
}

/** A second action beside the main one. */
@Composable
fun SecondaryButton(label: String, onClick: () -> Unit, enabled: Boolean = true, description: String? = null) {
    OutlinedButton(onClick = onClick, enabled = enabled, modifier = actionModifier(description)) { Text(label) }
}

/**
 * A screen's presenter, made once per `keys` in a scope that ends when the screen
 * leaves (its subscriptions close with it).
 */
@Composable
fun <P> rememberPresenter(vararg keys: Any?, make: (CoroutineScope) -> P): P {
    val scope = rememberCoroutineScope()
    return remember(*keys) { make(scope) }
}

/** The top of a screen: its title as a heading, "loading" while it loads, and its error with the action. */
@Composable
fun ScreenHeader(
    title: String,
    loading: Boolean,
    error: ErrorState?,
    onRetry: () -> Unit,
    onShellAction: (ShellAction) -> Unit,
) {
    Heading(title)
    if (loading) Loading(LocalStrings.current.loading)
    error?.let { ErrorCard(it, onRetry, onShellAction) }
}

/** Something loading, with what it is (the spinner alone says nothing to TalkBack). */
@Composable
fun Loading(label: String) {
    Row(
        Modifier.fillMaxWidth().semantics(mergeDescendants = true) {},
        verticalAlignment = Alignment.CenterVertically,
        horizontalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        CircularProgressIndicator(Modifier.size(24.dp))
        BodyText(label, secondary = true)
    }
}

/** A line with a button that leads on (the this-week links, the summary offer). */
@Composable
fun LinkCard(link: LinkUi, onClick: () -> Unit) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            BodyText(link.text)
            TextButton(
                onClick = onClick,
                modifier = Modifier.minimumInteractiveComponentSize().semantics { contentDescription = link.contentDescription },
            ) { Text(link.actionLabel) }
        }
    }
}

/**
 * An error and its one action. RETRY sends the screen's own retry event; the other
 * actions go to the shell (settings, the clinic). TalkBack announces it.
 */
@Composable
fun ErrorCard(error: ErrorState, onRetry: () -> Unit, onShellAction: (ShellAction) -> Unit) {
    Card(
        Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Assertive },
        colors = CardDefaults.cardColors(
            containerColor = MaterialTheme.colorScheme.errorContainer,
            contentColor = MaterialTheme.colorScheme.onErrorContainer,
        ),
    ) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(error.message, style = MaterialTheme.typography.bodyLarge)
            Button(
                onClick = {
                    val action = shellAction(error.action)
                    if (action == ShellAction.RETRY) onRetry() else onShellAction(action)
                },
                modifier = Modifier.heightIn(min = 48.dp),
            ) { Text(error.actionLabel) }
        }
    }
}

/** A switch with its label; the whole row toggles, and TalkBack reads the state's description. */
@Composable
fun ToggleRow(toggle: ToggleUi, onChange: (Boolean) -> Unit) {
    Row(
        Modifier
            .fillMaxWidth()
            .heightIn(min = 48.dp)
            .toggleable(value = toggle.checked, role = Role.Switch, onValueChange = onChange)
            .clearAndSetSemantics {
                contentDescription = toggle.contentDescription
                role = Role.Switch
                onClick { onChange(!toggle.checked); true }
            },
        verticalAlignment = Alignment.CenterVertically,
        horizontalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(toggle.label, style = MaterialTheme.typography.bodyLarge, modifier = Modifier.weight(1f))
        Switch(checked = toggle.checked, onCheckedChange = null)
    }
}

/** One choice: a radio button (one of several) or a check box (any of several); the row is the target. */
@Composable
fun OptionRow(option: OptionUi, multiple: Boolean, onClick: () -> Unit) {
    Row(
        Modifier
            .fillMaxWidth()
            .heightIn(min = 48.dp)
            .selectable(selected = option.selected, role = if (multiple) Role.Checkbox else Role.RadioButton, onClick = onClick)
            .semantics { contentDescription = option.contentDescription },
        verticalAlignment = Alignment.CenterVertically,
        horizontalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        if (multiple) Checkbox(checked = option.selected, onCheckedChange = null) else RadioButton(selected = option.selected, onClick = null)
        Text(option.label, style = MaterialTheme.typography.bodyLarge)
    }
}

/** A picker as a list of radio rows (no menu to find: every option is in view). */
@Composable
fun PickerGroup(picker: PickerUi, onSelect: (String) -> Unit) {
    Column(Modifier.fillMaxWidth().semantics { contentDescription = picker.contentDescription }) {
        Text(picker.label, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
        for (option in picker.options) OptionRow(option, multiple = false) { onSelect(option.optionId) }
    }
}

/** A time: the row shows it, a tap opens a 24-hour clock picker. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun TimeRow(time: TimeUi, onSelected: (hour: Int, minute: Int) -> Unit) {
    var picking by rememberSaveable { mutableStateOf(false) }
    Row(
        Modifier
            .fillMaxWidth()
            .heightIn(min = 48.dp)
            .clickable(role = Role.Button) { picking = true }
            .semantics { contentDescription = time.contentDescription },
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Text(time.label, style = MaterialTheme.typography.bodyLarge, modifier = Modifier.weight(1f))
        Text(time.value, style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.primary)
    }
    if (picking) {
        val shell = LocalShellTexts.current
        val state = rememberTimePickerState(initialHour = time.hour, initialMinute = time.minute, is24Hour = true)
        AlertDialog(
            onDismissRequest = { picking = false },
            confirmButton = {
                TextButton(onClick = { picking = false; onSelected(state.hour, state.minute) }) { Text(shell.ok) }
            },
            dismissButton = { TextButton(onClick = { picking = false }) { Text(shell.cancel) } },
            title = { Text(time.label) },
            text = { TimePicker(state = state) },
        )
    }
}

/** A slider's reading for TalkBack: what it is and where it stands, from the state. */
fun Modifier.described(description: String, state: String): Modifier = semantics {
    contentDescription = description
    stateDescription = state
}

/**
 * The course's Markdown: headings (marked for TalkBack), paragraphs, list items with
 * their marker (a bullet is not read aloud), quotes with a bar beside them.
 */
@Composable
fun MarkdownText(markdown: String) {
    val blocks = remember(markdown) { parseMarkdown(markdown) }
    Column(verticalArrangement = Arrangement.spacedBy(12.dp)) {
        for (block in blocks) {
            val text = annotated(block.spans)
            when (block) {
                is MdBlock.Heading -> Text(
                    text,
                    style = if (block.level <= 1) MaterialTheme.typography.titleLarge else MaterialTheme.typography.titleMedium,
                    modifier = Modifier.semantics { heading() },
                )
                is MdBlock.Paragraph -> Text(text, style = MaterialTheme.typography.bodyLarge)
                is MdBlock.ListItem -> Row(
                    Modifier.padding(start = (block.depth * 16).dp),
                    horizontalArrangement = Arrangement.spacedBy(8.dp),
                ) {
                    val marker = if (block.marker == "•") Modifier.clearAndSetSemantics {} else Modifier
                    Text(block.marker, style = MaterialTheme.typography.bodyLarge, modifier = marker)
                    Text(text, style = MaterialTheme.typography.bodyLarge)
                }
                is MdBlock.Quote -> Row(Modifier.fillMaxWidth().height(IntrinsicSize.Min)) {
                    Box(Modifier.width(4.dp).fillMaxHeight().background(MaterialTheme.colorScheme.outline))
                    Text(text, style = MaterialTheme.typography.bodyLarge, modifier = Modifier.padding(start = 12.dp))
                }
            }
        }
    }
}

private fun annotated(spans: List<MdSpan>): AnnotatedString = buildAnnotatedString {
    for (span in spans) {
        val style = SpanStyle(
            fontWeight = if (span.bold) FontWeight.Bold else null,
            fontStyle = if (span.italic) FontStyle.Italic else null,
        )
        withStyle(style) { append(span.text) }
    }
}
