// One section of a module, drawn from SectionState: the Markdown text, an
// image with its alt text as TalkBack's description, a video with its
// captions on, audio and mindfulness through the player screen, the
// transcript, "mark as done", and forms (free text, number, choices, scale,
// diary entries) that the presenter autosaves as drafts while the patient
// types; the autosave line says so. No course rules here.
package app.painschool.app.ui

import android.net.Uri
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Slider
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.compose.ui.viewinterop.AndroidView
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.media3.common.C
import androidx.media3.common.MediaItem
import androidx.media3.common.MimeTypes
import androidx.media3.exoplayer.ExoPlayer
import androidx.media3.ui.PlayerView
import app.painschool.app.NavAction
import app.painschool.app.Screen
import app.painschool.app.ShellAction
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.presenter.ImageUi
import app.painschool.presenter.InputUi
import app.painschool.presenter.QuestionUi
import app.painschool.presenter.SectionEvent
import app.painschool.presenter.SectionPresenter
import app.painschool.presenter.SectionState
import app.painschool.presenter.VideoUi
import coil.ImageLoader
import coil.compose.AsyncImage
import coil.decode.SvgDecoder
import kotlinx.coroutines.CoroutineScope
import java.io.File
import kotlin.math.roundToLong

/** A section with its presenter. */
@Composable
fun SectionRoute(
    client: CourseClient,
    language: Language,
    sectionId: String,
    saveScope: CoroutineScope,
    onNavigate: (NavAction) -> Unit,
    onShellAction: (ShellAction) -> Unit,
) {
    val presenter = rememberPresenter(client, sectionId) {
        SectionPresenter(client, it, sectionId, language = language, saveScope = saveScope)
    }
    val state by presenter.state.collectAsStateWithLifecycle()
    // What waits for the autosave pause is saved at once, in the app's scope, when the
    // app leaves the front and when the patient leaves the section (back, a tab, a link).
    LifecycleEventEffect(Lifecycle.Event.ON_STOP) { presenter.onEvent(SectionEvent.SaveNow) }
    DisposableEffect(presenter) { onDispose { presenter.onEvent(SectionEvent.SaveNow) } }
    SectionScreen(state, language, presenter::onEvent, onNavigate, onShellAction)
}

/** Draws [SectionState]. `language` picks the video's caption track. */
@Composable
fun SectionScreen(
    state: SectionState,
    language: Language,
    onEvent: (SectionEvent) -> Unit,
    onNavigate: (NavAction) -> Unit,
    onShellAction: (ShellAction) -> Unit,
) {
    ScreenLayout {
        ScreenHeader(state.title, state.loading, state.error, { onEvent(SectionEvent.Retry) }, onShellAction)
        if (state.kindLabel.isNotEmpty()) BodyText(state.kindLabel, secondary = true)
        state.body?.let { MarkdownText(it) }
        state.image?.let { SectionImage(it) }
        state.video?.let { SectionVideo(it, language) }
        state.player?.let { link ->
            BodyText(link.text)
            PrimaryButton(link.actionLabel, { link.target?.let { onNavigate(NavAction.Push(Screen.Player(it))) } }, description = link.contentDescription)
        }
        state.exercise?.let { ex ->
            SecondaryButton(ex.label, { onEvent(SectionEvent.MarkDone) }, enabled = !ex.done, description = ex.contentDescription)
        }
        state.transcript?.let { transcript ->
            state.transcriptLabel?.let { Heading(it, large = false) }
            MarkdownText(transcript)
        }
        for (question in state.questions) QuestionCard(question, onEvent)
    }
}

/** An image from the bundle (SVG): the alt text is its description; the caption is shown under it. */
@Composable
private fun SectionImage(image: ImageUi) {
    val context = LocalContext.current
    val loader = remember(context) { ImageLoader.Builder(context).components { add(SvgDecoder.Factory()) }.build() }
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        AsyncImage(
            model = File(image.path),
            contentDescription = image.contentDescription,
            imageLoader = loader,
            modifier = Modifier.fillMaxWidth(),
        )
        image.caption?.let { BodyText(it, secondary = true) }
    }
}

/**
 * A video from the bundle with its WebVTT captions selected by default (Media3's
 * player and its controls, which have TalkBack labels of their own).
 */
@Composable
private fun SectionVideo(video: VideoUi, language: Language) {
    val context = LocalContext.current
    val player = remember(video.path) {
        val captions = video.captionsPath?.let { path ->
            MediaItem.SubtitleConfiguration.Builder(Uri.fromFile(File(path)))
                .setMimeType(MimeTypes.TEXT_VTT)
                .setLanguage(if (language == Language.ENGLISH) "en" else "sv")
                .setSelectionFlags(C.SELECTION_FLAG_DEFAULT)
                .build()
        }
        ExoPlayer.Builder(context).build().apply {
            setMediaItem(
                MediaItem.Builder()
                    .setUri(Uri.fromFile(File(video.path)))
                    .setSubtitleConfigurations(listOfNotNull(captions))
                    .build(),
            )
            prepare()
        }
    }
    DisposableEffect(player) { onDispose { player.release() } }
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        AndroidView(
            factory = { PlayerView(it).apply { this.player = player } },
            modifier = Modifier.fillMaxWidth().aspectRatio(16f / 9f).semantics { contentDescription = video.contentDescription },
        )
        video.length?.let { BodyText(it, secondary = true) }
    }
}

/** One question: its prompt, the input for its type, the autosave line, and submit. */
@Composable
private fun QuestionCard(q: QuestionUi, onEvent: (SectionEvent) -> Unit) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
            Heading(q.prompt, large = false)
            q.optionalLabel?.let { BodyText(it, secondary = true) }
            when (val input = q.input) {
                is InputUi.FreeText -> OutlinedTextField(
                    value = input.text,
                    onValueChange = { onEvent(SectionEvent.TextChanged(q.questionId, it)) },
                    minLines = 3,
                    modifier = Modifier.fillMaxWidth().semantics { contentDescription = input.contentDescription },
                )
                is InputUi.Scale -> ScaleInput(q.questionId, input, onEvent)
                is InputUi.Choices -> Column {
                    for (option in input.options) {
                        OptionRow(option, input.multiple) {
                            onEvent(
                                if (input.multiple) SectionEvent.OptionToggled(q.questionId, option.optionId)
                                else SectionEvent.OptionSelected(q.questionId, option.optionId),
                            )
                        }
                    }
                }
                is InputUi.Diary -> DiaryInput(q.questionId, input, onEvent)
            }
            q.draftStatus?.let { StatusText(it) }
            q.answeredLabel?.let { BodyText(it, secondary = true) }
            q.error?.let { StatusText(it, error = true) }
            PrimaryButton(q.submitLabel, { onEvent(SectionEvent.Submit(q.questionId)) }, enabled = q.submitEnabled)
        }
    }
}

/** A scale as a slider in whole steps; TalkBack reads the prompt and "6 av 10" (or "none chosen"). */
@Composable
private fun ScaleInput(questionId: String, scale: InputUi.Scale, onEvent: (SectionEvent) -> Unit) {
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        Slider(
            value = (scale.selected ?: scale.min).toFloat(),
            onValueChange = { onEvent(SectionEvent.ScaleSelected(questionId, it.roundToLong())) },
            valueRange = scale.min.toFloat()..scale.max.toFloat(),
            steps = (scale.max - scale.min - 1).toInt().coerceAtLeast(0),
            modifier = Modifier.fillMaxWidth().described(scale.contentDescription, scale.valueDescription),
        )
        Row(Modifier.fillMaxWidth()) {
            Text(scale.minLabel.orEmpty(), style = MaterialTheme.typography.bodyMedium, modifier = Modifier.weight(1f))
            Text(scale.valueDescription, style = MaterialTheme.typography.titleMedium)
            Text(scale.maxLabel.orEmpty(), style = MaterialTheme.typography.bodyMedium, modifier = Modifier.weight(1f).padding(start = 8.dp))
        }
    }
}

/** The new diary entry's fields (numbers with a number keyboard), then the entries so far. */
@Composable
private fun DiaryInput(questionId: String, diary: InputUi.Diary, onEvent: (SectionEvent) -> Unit) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        for (field in diary.fields) {
            val numeric = field.type == "number" || field.type == "scale"
            OutlinedTextField(
                value = field.value,
                onValueChange = { onEvent(SectionEvent.DiaryFieldChanged(questionId, field.fieldId, it)) },
                label = { Text(field.label) },
                keyboardOptions = KeyboardOptions(keyboardType = if (numeric) KeyboardType.Number else KeyboardType.Text),
                modifier = Modifier.fillMaxWidth().semantics { contentDescription = field.contentDescription },
            )
        }
        Heading(diary.entriesLabel, large = false)
        for (entry in diary.entries) {
            Column(Modifier.semantics(mergeDescendants = true) {}) {
                BodyText(entry.summary)
                BodyText(entry.answeredLabel, secondary = true)
            }
        }
    }
}
