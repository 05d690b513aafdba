// "This week", the start screen: the open module, when the next one opens,
// the weekly check-in, messages waiting, whether reminders reach the patient,
// the summary when the core offers it, and the end of access.
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.core.Access
import app.painschool.core.HealthAction
import app.painschool.core.HealthStatus
import app.painschool.core.Language
import app.painschool.core.MessageThread
import app.painschool.core.ModuleLock
import app.painschool.core.NotificationPermission
import app.painschool.core.ReminderHealth
import app.painschool.core.SummaryOffer
import app.painschool.core.ThisWeek
import app.painschool.core.Visit
import kotlinx.coroutines.CoroutineScope
import java.time.Instant
import java.time.ZoneId

data class ThisWeekState(
    val title: String,
    val greeting: String,
    val loading: Boolean,
    val weekLine: String?,
    val current: CurrentModuleUi?,
    val nextUnlock: String?,
    val checkIn: LinkUi?,
    val messages: LinkUi?,
    val reminders: RemindersUi?,
    val summary: LinkUi?,
    val access: LinkUi?,
    /** The next booked visit (not cancelled, not over), leading to the visits screen. */
    val visit: LinkUi?,
    val error: ErrorState?,
)

/** The module open now. */
data class CurrentModuleUi(
    val moduleId: String,
    val number: String,
    val title: String,
    val summary: String,
    val progress: String,
    val sectionsDone: Int,
    val sectionsTotal: Int,
    val openLabel: String,
    val contentDescription: String,
)

/** A line with a button that leads to another screen (`target`: a section id, a thread…). */
data class LinkUi(
    val text: String,
    val actionLabel: String,
    val contentDescription: String,
    val target: String?,
)

/** Whether reminders reach the patient (the core's message) and what to offer. */
data class RemindersUi(
    val text: String,
    val actionLabel: String?,
    val action: HealthAction,
    val working: Boolean,
)

sealed interface ThisWeekEvent {
    /** The screen came back (or the notification permission changed): read again. */
    data object Refresh : ThisWeekEvent
    data object Retry : ThisWeekEvent
}

data class ThisWeekModel(
    val language: Language,
    val zone: ZoneId,
    val displayName: String? = null,
    val week: ThisWeek? = null,
    val unread: Map<MessageThread, Int> = emptyMap(),
    val health: ReminderHealth? = null,
    val offer: SummaryOffer? = null,
    val checkInSection: String? = null,
    val visits: List<Visit> = emptyList(),
    val now: Instant = Instant.EPOCH,
    val error: Throwable? = null,
)

/**
 * @param permission what the OS allows the app now (the shell reads it).
 */
class ThisWeekPresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    private val permission: () -> NotificationPermission,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
    /** The device clock: which visits are still to come. */
    private val now: () -> Instant = Instant::now,
) : Presenter<ThisWeekModel, ThisWeekState, ThisWeekEvent>(ThisWeekModel(language, zone, now = now()), scope, ::renderThisWeek) {

    init {
        closeWithScope(client.observeThisWeek { result ->
            result.fold(
                onSuccess = { week ->
                    change { it.copy(week = week, error = null) }
                    refreshExtras()
                },
                onFailure = { e -> change { it.copy(error = e) } },
            )
        })
    }

    override fun onEvent(event: ThisWeekEvent) {
        when (event) {
            ThisWeekEvent.Refresh -> launchSafely(::failed) {
                val week = client.thisWeek()
                change { it.copy(week = week, error = null) }
                refreshExtras()
            }
            ThisWeekEvent.Retry -> launchSafely(::failed) {
                runCatching { client.syncNow() }
                val week = client.thisWeek()
                change { it.copy(week = week, error = null) }
                refreshExtras()
            }
        }
    }

    private fun failed(e: Exception) = change { it.copy(error = e) }

    /** What the week itself does not carry: the language, messages, reminders, the summary. */
    private fun refreshExtras() {
        launchSafely(::failed) {
            val prefs = client.preferences()
            val unread = MessageThread.entries.associateWith { thread ->
                client.messages(thread).count { it.isUnreadReply() }
            }
            val health = client.reminderHealth(permission())
            val offer = client.summaryOffer()
            val visits = client.visits()
            val checkIn = if (model.week?.checkInDue == true) model.checkInSection ?: findCheckIn() else model.checkInSection
            change {
                it.copy(
                    language = prefs.language, displayName = prefs.displayName,
                    unread = unread, health = health, offer = offer, checkInSection = checkIn,
                    visits = visits, now = now(),
                )
            }
        }
    }

    /** The check-in section of the open modules. */
    private suspend fun findCheckIn(): String? {
        for (m in client.modules().filter { it.lock is ModuleLock.Open }) {
            client.moduleSections(m.id).firstOrNull { it.kind == "check_in" }?.let { return it.id }
        }
        return null
    }
}

fun renderThisWeek(m: ThisWeekModel): ThisWeekState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    val w = m.week
    val current = w?.current?.let { c ->
        val started = c.progress.sectionsDone > 0u
        CurrentModuleUi(
            moduleId = c.id,
            number = t.moduleNumber(c.number.toInt()),
            title = c.title,
            summary = c.summary,
            progress = t.sectionsDone(c.progress.sectionsDone.toInt(), c.progress.sectionsTotal.toInt()),
            sectionsDone = c.progress.sectionsDone.toInt(),
            sectionsTotal = c.progress.sectionsTotal.toInt(),
            openLabel = if (started) t.continueModule else t.openModule,
            contentDescription = "${t.moduleNumber(c.number.toInt())}: ${c.title}. " +
                t.sectionsDone(c.progress.sectionsDone.toInt(), c.progress.sectionsTotal.toInt()),
        )
    }
    val unread = m.unread.values.sum()
    val messages = if (unread > 0) {
        val thread = m.unread.entries.firstOrNull { it.value > 0 }?.key
        LinkUi(t.messagesWaiting(unread), t.readMessages, t.messagesWaiting(unread), thread?.name)
    } else null
    val reminders = m.health?.let { h ->
        val working = h.status == HealthStatus.WORKING
        RemindersUi(
            text = if (working) h.nextAtLocal?.let { t.nextReminder(f.weekdayDateTime(it)) } ?: t.remindersWorking else h.message ?: "",
            actionLabel = t.healthAction(h.action),
            action = h.action,
            working = working,
        )
    }
    val checkIn = if (w?.checkInDue == true && m.checkInSection != null) {
        LinkUi(t.checkInDue, t.checkInAction, t.checkInDue, m.checkInSection)
    } else null
    val summary = m.offer?.let { offer ->
        offer.reason?.let { reason ->
            LinkUi(t.summaryOffer(reason, offer.until?.let(f::date)), t.summaryAction, t.summaryAction, null)
        }
    }
    val access = when (val a = w?.access) {
        is Access.NotStarted -> LinkUi(t.accessNotStarted(f.date(a.startsAt)), t.readMore, t.accessNotStarted(f.date(a.startsAt)), null)
        is Access.Active -> if (a.endingSoon) LinkUi(t.accessEndingSoon(a.daysLeft, f.date(a.endsAt)), t.readMore, t.accessEndingSoon(a.daysLeft, f.date(a.endsAt)), null) else null
        is Access.Ended -> LinkUi(t.accessEndedShort, t.readMore, t.accessEndedShort, null)
        null -> null
    }
    val visit = m.visits
        .filter { !it.cancelled && !it.isOver(m.now) }
        .minByOrNull { it.startsAt }
        ?.let { v ->
            val text = t.nextVisit(f.weekdayDateTime(v.startsAt), t.visitKind(v.kind, v.minutes.toInt()))
            LinkUi(text, t.showVisits, text, "visits")
        }
    return ThisWeekState(
        title = t.thisWeekTitle,
        greeting = t.greeting(m.displayName),
        loading = w == null && m.error == null,
        weekLine = w?.let { t.weekLine(it.courseWeek.toInt(), it.modulesOpen.toInt(), it.modulesTotal.toInt(), it.modulesFinished.toInt()) },
        current = current,
        nextUnlock = w?.nextUnlock?.let { t.nextUnlock(it.number.toInt(), f.weekdayDate(it.opensOn)) },
        checkIn = checkIn,
        messages = messages,
        reminders = reminders,
        summary = summary,
        access = access,
        visit = visit,
        error = m.error?.let { errorState(it, t, f) },
    )
}
