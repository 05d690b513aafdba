// Messages: two threads (the patient's clinician, and the team for practical
// questions), each message with its status, and the compose box with the
// unit's reply time and the safety line (both the core's texts).
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.core.ComposeView
import app.painschool.core.CourseException
import app.painschool.core.Language
import app.painschool.core.Message
import app.painschool.core.MessageAuthor
import app.painschool.core.MessageStatus
import app.painschool.core.MessageThread
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import java.time.ZoneId

data class MessagesState(
    val title: String,
    val loading: Boolean,
    val tabs: List<ThreadTabUi>,
    val threadIntro: String,
    val messages: List<MessageUi>,
    val empty: String?,
    val compose: ComposeUi,
    val error: ErrorState?,
)

data class ThreadTabUi(
    val thread: MessageThread,
    val label: String,
    val unread: Int,
    val selected: Boolean,
    val contentDescription: String,
)

data class MessageUi(
    val messageId: String,
    val mine: Boolean,
    val from: String,
    val text: String,
    val time: String,
    val status: String?,
    val contentDescription: String,
)

data class ComposeUi(
    val text: String,
    val label: String,
    val counter: String,
    val sendLabel: String,
    val sendEnabled: Boolean,
    val sending: Boolean,
    /** The unit's reply time ("Vi svarar inom två vardagar."), once the phone is activated. */
    val replyTime: String?,
    /** Not for emergencies; 112; 1177. Always shown. */
    val safetyLine: String,
    val error: String?,
)

sealed interface MessagesEvent {
    data class SelectThread(val thread: MessageThread) : MessagesEvent
    data class TextChanged(val text: String) : MessagesEvent
    data object Send : MessagesEvent

    /**
     * The screen is going away or the app to the background: what is being
     * written and waits for the autosave pause is kept now (in `saveScope`,
     * which outlives the screen).
     */
    data object SaveNow : MessagesEvent

    /** Pull to refresh: sync, then read again. */
    data object Refresh : MessagesEvent
    data object Retry : MessagesEvent
}

/** A clinic message the patient has not read. */
fun Message.isUnreadReply(): Boolean = author == MessageAuthor.CLINIC && status == MessageStatus.SENT

data class MessagesModel(
    val language: Language,
    val zone: ZoneId,
    val thread: MessageThread,
    val messages: Map<MessageThread, List<Message>> = emptyMap(),
    val compose: Map<MessageThread, ComposeView> = emptyMap(),
    val text: Map<MessageThread, String> = emptyMap(),
    val sending: Boolean = false,
    val sendError: Throwable? = null,
    val error: Throwable? = null,
)

class MessagesPresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    thread: MessageThread = MessageThread.CLINICIAN,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
    private val delay: Delay = RealDelay,
    /** Where `SaveNow` keeps the text: a scope that outlives the screen (the app's). */
    private val saveScope: CoroutineScope = scope,
) : Presenter<MessagesModel, MessagesState, MessagesEvent>(MessagesModel(language, zone, thread), scope, ::renderMessages) {
    private val autosaves = mutableMapOf<MessageThread, Job>()

    /** Text typed and not kept yet, by thread. */
    private val unsaved = java.util.concurrent.ConcurrentHashMap<MessageThread, String>()

    init {
        load(sync = false)
    }

    private fun failed(e: Exception) = change { it.copy(error = e) }

    private fun load(sync: Boolean) {
        change { it.copy(error = null) }
        launchSafely(::failed) {
            if (sync) runCatching { client.syncNow() }
            val lang = client.preferences().language
            val compose = MessageThread.entries.associateWith { client.compose(it) }
            // What was being written when the screen (or the app) last closed.
            val drafts = MessageThread.entries.mapNotNull { th -> client.messageDraft(th)?.let { th to it } }.toMap()
            change { m -> m.copy(language = lang, compose = compose, text = drafts + m.text) }
            readThreads()
        }
    }

    /** Reads both threads, marking the open one read. */
    private suspend fun readThreads() {
        val open = model.thread
        if (client.messages(open).any { it.isUnreadReply() }) client.markThreadRead(open)
        val all = MessageThread.entries.associateWith { client.messages(it) }
        change { it.copy(messages = all) }
    }

    override fun onEvent(event: MessagesEvent) {
        when (event) {
            is MessagesEvent.SelectThread -> {
                change { it.copy(thread = event.thread, sendError = null) }
                launchSafely(::failed) { readThreads() }
            }
            is MessagesEvent.TextChanged -> {
                val thread = model.thread
                change { it.copy(text = it.text + (thread to event.text), sendError = null) }
                keepLater(thread, event.text)
            }
            MessagesEvent.Send -> send()
            MessagesEvent.SaveNow -> for ((thread, text) in unsaved.entries.toList()) {
                autosaves.remove(thread)?.cancel()
                // On failure the text stays on screen; the next keystroke or stop tries again.
                launchSafely({ }, saveScope) {
                    client.saveMessageDraft(thread, text)
                    unsaved.remove(thread, text)
                }
            }
            MessagesEvent.Refresh, MessagesEvent.Retry -> load(sync = true)
        }
    }

    /** Keeps what is typed in `thread` once typing pauses (drafts never leave the phone). */
    private fun keepLater(thread: MessageThread, text: String) {
        unsaved[thread] = text
        autosaves.remove(thread)?.cancel()
        autosaves[thread] = launchSafely({ }) {
            delay.wait(AUTOSAVE_MILLIS)
            client.saveMessageDraft(thread, text)
            unsaved.remove(thread, text)
        }
    }

    private fun send() {
        val thread = model.thread
        val text = model.text[thread].orEmpty()
        if (text.isBlank() || model.sending) return
        // Sending removes the core's draft: a pending autosave must not bring it back.
        autosaves.remove(thread)?.cancel()
        change { it.copy(sending = true, sendError = null) }
        launchSafely({ e -> change { it.copy(sending = false, sendError = e) } }) {
            client.sendMessage(thread, text)
            unsaved.remove(thread)
            change { it.copy(sending = false, text = it.text - thread) }
            readThreads()
            // Queued on the phone; send it now if there is a network (else the next sync does).
            runCatching { client.syncNow() }
            readThreads()
        }
    }
}

fun renderMessages(m: MessagesModel): MessagesState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    val list = m.messages[m.thread]
    val compose = m.compose[m.thread]
    val text = m.text[m.thread].orEmpty()
    val max = compose?.maxChars?.toInt() ?: 4000
    return MessagesState(
        title = t.messagesTitle,
        loading = list == null && m.error == null,
        tabs = MessageThread.entries.map { th ->
            val unread = if (th == m.thread) 0 else m.messages[th].orEmpty().count { it.isUnreadReply() }
            ThreadTabUi(th, t.threadName(th), unread, th == m.thread, t.threadDescription(th, unread))
        },
        threadIntro = t.threadIntro(m.thread),
        messages = list.orEmpty().map { msg ->
            val mine = msg.author == MessageAuthor.PATIENT
            val from = if (mine) t.you else msg.authorName ?: t.theClinic
            val status = if (mine) t.messageStatus(msg.status) else null
            val time = f.dayTime(msg.writtenAt)
            MessageUi(msg.id, mine, from, msg.text, time, status, listOfNotNull(from, time, msg.text, status).joinToString(". "))
        },
        empty = if (list != null && list.isEmpty()) t.noMessages else null,
        compose = ComposeUi(
            text = text,
            label = t.writeMessage(m.thread),
            counter = "${text.length}/$max",
            sendLabel = t.send,
            sendEnabled = text.isNotBlank() && !m.sending,
            sending = m.sending,
            replyTime = compose?.replyTime,
            safetyLine = compose?.safetyLine ?: t.safetyFallback,
            error = m.sendError?.let { e ->
                if (e is CourseException.InvalidInput) t.messageInvalid(max) else errorState(e, t, f).message
            },
        ),
        error = m.error?.let { errorState(it, t, f) },
    )
}
