// Every text the screens show that the core does not provide, in Swedish and
// English. Course content, the reminder-health message, the reply time and the
// safety line come from the core in the patient's language; these are the
// labels around them. No text gives medical or medication advice; the texts
// that speak about feeling worse say where to turn (the clinic, 1177, 112).
package app.painschool.presenter

import app.painschool.core.AnswerRule
import app.painschool.core.HealthAction
import app.painschool.core.Language
import app.painschool.core.MessageStatus
import app.painschool.core.MessageThread
import app.painschool.core.SummaryOfferReason
import app.painschool.core.TextSize
import app.painschool.core.VisitKind
import app.painschool.core.Weekday

/** The table for `language`. */
fun strings(language: Language): Strings = when (language) {
    Language.SWEDISH -> Swedish
    Language.ENGLISH -> English
}

/** The screens' texts in one language. */
sealed class Strings {
    // Shared words.
    abstract val loading: String
    abstract val done: String
    abstract val notDone: String
    abstract val selected: String
    abstract val notSelected: String
    abstract val on: String
    abstract val off: String
    abstract val readMore: String
    abstract val saved: String
    abstract val optional: String
    abstract fun spokenLength(minutes: Long, seconds: Long): String

    // Errors.
    abstract fun errorAction(action: ErrorAction): String
    abstract val errNotEnrolled: String
    abstract val errNotFound: String
    abstract fun errModuleLocked(opensOn: String?): String
    abstract val errAccessEnded: String
    abstract val errInvalidInput: String
    abstract val errStorageFull: String
    abstract val errDatabase: String
    abstract val errInternal: String
    abstract val errNotActivated: String
    abstract val errServerAddress: String
    abstract val errInvalidCode: String
    abstract fun errTooManyAttempts(minutes: Long): String
    abstract val errOffline: String
    abstract val errDeviceNotAccepted: String
    abstract val errServerBusy: String
    abstract val errServerProblem: String
    abstract val errNoRecording: String
    abstract val errRecordingBroken: String
    abstract val errSound: String
    abstract val errLocked: String
    abstract val errUpdateApp: String

    // Why the core refused an answer: its typed rule, as a sentence.
    abstract val answerEmpty: String
    abstract fun answerTooLong(maxChars: Int): String
    abstract fun answerOutOfRange(min: Long, max: Long): String
    abstract val answerFieldMissing: String
    abstract val answerOption: String
    abstract val answerInvalid: String

    /** The sentence for the rule the core says an answer broke. */
    fun invalidAnswer(rule: AnswerRule): String = when (rule) {
        AnswerRule.Empty -> answerEmpty
        is AnswerRule.TooLong -> answerTooLong(rule.maxChars.toInt())
        is AnswerRule.OutOfRange -> answerOutOfRange(rule.min, rule.max)
        is AnswerRule.MissingField -> answerFieldMissing
        AnswerRule.UnknownOption, AnswerRule.DuplicateOption -> answerOption
        AnswerRule.WrongType, AnswerRule.UnknownField -> answerInvalid
    }

    // Activation.
    abstract val activationTitle: String
    abstract val activationIntro: String
    abstract val activationCodeLabel: String
    abstract val activationCodeHint: String
    abstract val activationSubmit: String
    abstract val activationScan: String
    abstract val activationScanDescription: String
    abstract val activationBusy: String
    abstract val activationHelp: String
    abstract val activationNotOurQr: String
    abstract val activationScanAgain: String

    // This week.
    abstract val thisWeekTitle: String
    abstract fun greeting(name: String?): String
    abstract fun weekLine(week: Int, open: Int, total: Int, finished: Int): String
    abstract fun moduleNumber(n: Int): String
    abstract fun sectionsDone(done: Int, total: Int): String
    abstract val openModule: String
    abstract val continueModule: String
    abstract fun nextUnlock(number: Int, date: String): String
    abstract val checkInDue: String
    abstract val checkInAction: String
    abstract fun messagesWaiting(n: Int): String
    abstract val readMessages: String
    abstract fun nextReminder(at: String): String
    abstract val remindersWorking: String
    abstract fun healthAction(action: HealthAction): String?
    abstract fun summaryOffer(reason: SummaryOfferReason, until: String?): String
    abstract val summaryAction: String
    abstract fun accessNotStarted(date: String): String
    abstract fun accessEndingSoon(days: Long, date: String): String
    abstract val accessEndedShort: String

    // Visits.
    abstract val visitsTitle: String
    abstract val visitsPast: String
    abstract val visitsNoneComing: String
    abstract val visitCancelled: String
    abstract fun visitKind(kind: VisitKind, minutes: Int): String
    abstract fun nextVisit(time: String, kind: String): String
    abstract val showVisits: String

    // The course (all modules).
    abstract val courseTitle: String
    abstract fun moduleOpensOn(date: String): String
    abstract val moduleOpenedByClinician: String

    // Module reader.
    abstract val moduleTitleLoading: String
    abstract fun sectionKind(kind: String): String
    abstract val transcript: String
    abstract fun videoDescription(title: String, length: String?): String
    abstract fun exerciseLength(length: String): String
    abstract val startExercise: String
    abstract fun startExerciseDescription(title: String): String
    abstract val markDone: String
    abstract fun markDoneDescription(title: String): String
    abstract fun scaleValue(value: Long, max: Long): String
    abstract val scaleNone: String
    abstract fun diaryEntries(n: Int): String
    abstract fun answered(at: String): String
    abstract val reviewed: String
    abstract val answerFirst: String
    abstract val draftSaving: String
    abstract val draftSaved: String
    abstract val draftFailed: String
    abstract val submitAnswer: String
    abstract val updateAnswer: String
    abstract val addDiaryEntry: String

    // Player.
    abstract fun playStatus(status: PlayStatus): String?
    abstract val play: String
    abstract val pause: String
    abstract fun playDescription(title: String): String
    abstract fun pauseDescription(title: String): String
    abstract val skipBack: String
    abstract val skipBackDescription: String
    abstract val skipForward: String
    abstract val skipForwardDescription: String
    abstract val seekDescription: String
    abstract fun positionOf(position: String, length: String): String
    abstract fun resumeOffer(at: String): String
    abstract val resumeContinue: String
    abstract val resumeStartOver: String
    abstract fun minutesToday(minutes: Int): String

    // Messages.
    abstract val messagesTitle: String
    abstract fun threadName(thread: MessageThread): String
    abstract fun threadDescription(thread: MessageThread, unread: Int): String
    abstract fun threadIntro(thread: MessageThread): String
    abstract val you: String
    abstract val theClinic: String
    abstract fun messageStatus(status: MessageStatus): String
    abstract val noMessages: String
    abstract fun writeMessage(thread: MessageThread): String
    abstract val send: String
    abstract val safetyFallback: String
    abstract fun messageInvalid(max: Int): String

    // Summary.
    abstract val summaryTitle: String
    abstract val summaryIntro: String
    abstract val summaryView: String
    abstract val summaryViewDescription: String
    abstract val summaryPrint: String
    abstract val summaryPrintDescription: String
    abstract val summaryShare: String
    abstract val summaryShareDescription: String
    abstract val summaryBusy: String
    abstract val summaryPrivacy: String
    abstract val summaryFileName: String
    abstract val summaryFileTitle: String

    // Settings.
    abstract val settingsTitle: String
    abstract val remindersHeading: String
    abstract val moduleReminders: String
    abstract val moduleDay: String
    abstract val openingDay: String
    abstract fun weekday(day: Weekday): String
    abstract val moduleTime: String
    abstract val practiceReminder: String
    abstract val practiceTime: String
    abstract val quietHours: String
    abstract val quietFrom: String
    abstract val quietTo: String
    abstract val quietHoursNote: String
    abstract val nudges: String
    abstract val messageAlerts: String
    abstract val appHeading: String
    abstract val languageLabel: String
    abstract val textSizeLabel: String
    abstract fun textSize(size: TextSize): String
    abstract val displayNameLabel: String
    abstract val displayNameHint: String
    abstract val moduleTimeQuiet: String
    abstract val practiceTimeQuiet: String
    abstract val quietSame: String
    abstract val nameTooLong: String
    abstract val settingInvalid: String
    fun settingRefused(reason: String): String = when {
        "module reminder time" in reason -> moduleTimeQuiet
        "practice reminder time" in reason -> practiceTimeQuiet
        "same time" in reason -> quietSame
        "display name" in reason -> nameTooLong
        else -> settingInvalid
    }

    // Access.
    abstract val accessTitle: String
    abstract fun accessActiveBody(endsOn: String): String
    abstract val accessEndingTitle: String
    abstract fun accessEndingBody(days: Long, endsOn: String): String
    abstract val accessEndedTitle: String
    abstract fun accessEndedBody(endedOn: String): String
    abstract fun messagesUntil(date: String): String
    abstract fun unsentChanges(n: Long): String
    abstract val whereToTurn: String
}

object Swedish : Strings() {
    override val loading = "Hämtar…"
    override val done = "Klar"
    override val notDone = "Inte klar"
    override val selected = "vald"
    override val notSelected = "inte vald"
    override val on = "på"
    override val off = "av"
    override val readMore = "Läs mer"
    override val saved = "Sparat"
    override val optional = "Frivillig"
    override fun spokenLength(minutes: Long, seconds: Long) = listOfNotNull(
        if (minutes > 0) "$minutes ${if (minutes == 1L) "minut" else "minuter"}" else null,
        if (seconds > 0 || minutes == 0L) "$seconds ${if (seconds == 1L) "sekund" else "sekunder"}" else null,
    ).joinToString(" ")

    override fun errorAction(action: ErrorAction) = when (action) {
        ErrorAction.RETRY -> "Försök igen"
        ErrorAction.OPEN_SETTINGS -> "Öppna inställningar"
        ErrorAction.CONTACT_CLINIC -> "Kontakta kliniken"
    }
    override val errNotEnrolled = "Appen är inte aktiverad än. Du behöver koden från klinikens brev."
    override val errNotFound = "Det här finns inte längre i kursen."
    override fun errModuleLocked(opensOn: String?) =
        if (opensOn == null) "Den här modulen är inte öppen än." else "Den här modulen öppnar $opensOn."
    override val errAccessEnded = "Din tillgång till kursen har upphört."
    override val errInvalidInput = "Det gick inte att spara. Kontrollera det du valde och försök igen."
    override val errStorageFull = "Telefonens lagring är full. Frigör utrymme och försök igen."
    override val errDatabase = "Något är fel med det som är sparat i appen. Kontakta kliniken."
    override val errInternal = "Något gick fel. Försök igen."
    override val errNotActivated = "Appen är inte aktiverad än."
    override val errServerAddress = "Appen kan inte nå klinikens server på ett säkert sätt. Kontakta kliniken."
    override val errInvalidCode = "Koden fungerade inte. Kontrollera att den är rätt skriven. Om det inte hjälper kan kliniken ge dig en ny kod."
    override fun errTooManyAttempts(minutes: Long) =
        "För många försök. Vänta $minutes ${if (minutes == 1L) "minut" else "minuter"} och försök igen."
    override val errOffline = "Ingen anslutning. Det du har skrivit finns kvar i telefonen. Försök igen när du är uppkopplad."
    override val errDeviceNotAccepted = "Den här telefonen är inte längre kopplad till kliniken. Kontakta kliniken för en ny kod."
    override val errServerBusy = "Klinikens server svarar inte just nu. Försök igen om en stund."
    override val errServerProblem = "Klinikens server svarade inte som väntat. Kontakta kliniken om det fortsätter."
    override val errNoRecording = "Den här övningen går inte att spela just nu."
    override val errRecordingBroken = "Inspelningen kunde inte spelas upp. Kontakta kliniken."
    override val errSound = "Ljudet kunde inte spelas upp. Kontrollera telefonens ljudinställningar."
    override val errLocked = "Lås upp telefonen och försök igen."
    override val errUpdateApp = "Uppdatera appen för att fortsätta."

    override val answerEmpty = "Skriv eller välj ett svar först."
    override fun answerTooLong(maxChars: Int) = "Svaret är för långt: högst $maxChars tecken. Korta ner det lite."
    override fun answerOutOfRange(min: Long, max: Long) = "Välj ett värde från $min till $max."
    override val answerFieldMissing = "Fyll i alla fält i dagboken."
    override val answerOption = "Välj bland alternativen."
    override val answerInvalid = "Svaret kunde inte sparas. Kontrollera det och försök igen."

    override val activationTitle = "Välkommen till Smärtskolan"
    override val activationIntro = "Du har fått ett brev från kliniken med en kod. Skriv in koden, eller skanna QR-koden i brevet."
    override val activationCodeLabel = "Kod från brevet"
    override val activationCodeHint = "Fyra grupper om fyra tecken, till exempel 3F9A-07C2-B1D4-6E58"
    override val activationSubmit = "Aktivera"
    override val activationScan = "Skanna QR-kod"
    override val activationScanDescription = "Skanna QR-koden i brevet med kameran"
    override val activationBusy = "Aktiverar…"
    override val activationHelp = "Har du inget brev, eller har koden gått ut? Kontakta kliniken."
    override val activationNotOurQr = "QR-koden kommer inte från Smärtskolans brev."
    override val activationScanAgain = "Skanna igen"

    override val thisWeekTitle = "Den här veckan"
    override fun greeting(name: String?) = if (name == null) "Hej!" else "Hej $name!"
    override fun weekLine(week: Int, open: Int, total: Int, finished: Int) =
        "Vecka $week. $open av $total moduler öppna, $finished klara."
    override fun moduleNumber(n: Int) = "Modul $n"
    override fun sectionsDone(done: Int, total: Int) = "$done av $total delar klara"
    override val openModule = "Börja"
    override val continueModule = "Fortsätt"
    override fun nextUnlock(number: Int, date: String) = "Modul $number öppnar $date."
    override val checkInDue = "Veckans avstämning väntar på dig."
    override val checkInAction = "Gör avstämningen"
    override fun messagesWaiting(n: Int) = if (n == 1) "1 nytt meddelande" else "$n nya meddelanden"
    override val readMessages = "Läs"
    override fun nextReminder(at: String) = "Nästa påminnelse: $at"
    override val remindersWorking = "Påminnelserna är på."
    override fun healthAction(action: HealthAction) = when (action) {
        HealthAction.NONE -> null
        HealthAction.ASK_PERMISSION -> "Tillåt aviseringar"
        HealthAction.OPEN_SYSTEM_SETTINGS -> "Öppna inställningar"
        HealthAction.OPEN_REMINDER_SETTINGS -> "Ändra påminnelser"
    }
    override fun summaryOffer(reason: SummaryOfferReason, until: String?) = when (reason) {
        SummaryOfferReason.LAST_MODULE -> "Kursens sista modul är öppen. Spara en sammanfattning av allt du har skrivit."
        SummaryOfferReason.ACCESS_ENDED ->
            if (until == null) "Spara sammanfattningen av allt du har skrivit innan den tas bort från telefonen."
            else "Spara sammanfattningen av allt du har skrivit senast $until. Sedan tas den bort från telefonen."
    }
    override val summaryAction = "Spara sammanfattningen"
    override fun accessNotStarted(date: String) = "Kursen börjar $date."
    override fun accessEndingSoon(days: Long, date: String) =
        "Din tillgång till kursen slutar om $days ${if (days == 1L) "dag" else "dagar"}, $date."
    override val accessEndedShort = "Din tillgång till kursen har upphört."

    override val visitsTitle = "Besök"
    override val visitsPast = "Tidigare besök"
    override val visitsNoneComing = "Inga inbokade besök. Din behandlare bokar besök och de syns här."
    override val visitCancelled = "Inställt"
    override fun visitKind(kind: VisitKind, minutes: Int) = when (kind) {
        VisitKind.CLINIC -> "Besök på mottagningen"
        VisitKind.VIDEO -> "Videosamtal"
        VisitKind.PHONE -> "Telefonsamtal"
        VisitKind.OTHER -> "Besök"
    } + ", $minutes minuter"
    override fun nextVisit(time: String, kind: String) = "Nästa besök: $time. $kind."
    override val showVisits = "Visa besök"

    override val courseTitle = "Kursen"
    override fun moduleOpensOn(date: String) = "Öppnar $date"
    override val moduleOpenedByClinician = "Din behandlare öppnar den här modulen"

    override val moduleTitleLoading = "Modul"
    override fun sectionKind(kind: String) = when (kind) {
        "text" -> "Text"
        "image" -> "Bild"
        "audio" -> "Ljud"
        "video" -> "Film"
        "mindfulness" -> "Mindfulness"
        "assignment" -> "Uppgift"
        "reflection" -> "Reflektion"
        "check_in" -> "Avstämning"
        else -> ""
    }
    override val transcript = "Text till inspelningen"
    override fun videoDescription(title: String, length: String?) =
        listOfNotNull("Film: $title", length, "med textning").joinToString(", ")
    override fun exerciseLength(length: String) = "Övningen tar $length."
    override val startExercise = "Starta"
    override fun startExerciseDescription(title: String) = "Starta $title"
    override val markDone = "Markera som gjord"
    override fun markDoneDescription(title: String) = "Markera $title som gjord"
    override fun scaleValue(value: Long, max: Long) = "$value av $max"
    override val scaleNone = "Inget valt"
    override fun diaryEntries(n: Int) = if (n == 1) "1 anteckning" else "$n anteckningar"
    override fun answered(at: String) = "Sparat $at."
    override val reviewed = "Din behandlare har läst svaret."
    override val answerFirst = "Skriv eller välj ett svar först."
    override val draftSaving = "Sparar utkast…"
    override val draftSaved = "Utkastet är sparat i telefonen."
    override val draftFailed = "Utkastet kunde inte sparas."
    override val submitAnswer = "Spara svaret"
    override val updateAnswer = "Spara ändringen"
    override val addDiaryEntry = "Lägg till i dagboken"

    override fun playStatus(status: PlayStatus) = when (status) {
        PlayStatus.LOADING -> "Hämtar övningen…"
        PlayStatus.READY -> null
        PlayStatus.PLAYING -> null
        PlayStatus.PAUSED -> "Pausad"
        PlayStatus.ENDED -> "Övningen är slut."
        PlayStatus.FAILED -> null
    }
    override val play = "Spela"
    override val pause = "Pausa"
    override fun playDescription(title: String) = "Spela $title"
    override fun pauseDescription(title: String) = "Pausa $title"
    override val skipBack = "−15 s"
    override val skipBackDescription = "Spola tillbaka 15 sekunder"
    override val skipForward = "+15 s"
    override val skipForwardDescription = "Spola fram 15 sekunder"
    override val seekDescription = "Var i övningen du är"
    override fun positionOf(position: String, length: String) = "$position av $length"
    override fun resumeOffer(at: String) = "Vill du fortsätta där du slutade, vid $at?"
    override val resumeContinue = "Fortsätt"
    override val resumeStartOver = "Börja om"
    override fun minutesToday(minutes: Int) = "I dag har du övat $minutes ${if (minutes == 1) "minut" else "minuter"}."

    override val messagesTitle = "Meddelanden"
    override fun threadName(thread: MessageThread) = when (thread) {
        MessageThread.CLINICIAN -> "Din behandlare"
        MessageThread.TEAM -> "Teamet"
    }
    override fun threadDescription(thread: MessageThread, unread: Int) =
        threadName(thread) + if (unread > 0) ", ${messagesWaiting(unread)}" else ""
    override fun threadIntro(thread: MessageThread) = when (thread) {
        MessageThread.CLINICIAN -> "Frågor om kursen och hur det går för dig."
        MessageThread.TEAM -> "Praktiska frågor, till exempel om tider eller om appen."
    }
    override val you = "Du"
    override val theClinic = "Kliniken"
    override fun messageStatus(status: MessageStatus) = when (status) {
        MessageStatus.QUEUED -> "Skickas när telefonen är uppkopplad"
        MessageStatus.SENT -> "Skickat"
        MessageStatus.READ -> "Läst"
        MessageStatus.FAILED -> "Kunde inte skickas"
    }
    override val noMessages = "Inga meddelanden än."
    override fun writeMessage(thread: MessageThread) = "Skriv till ${threadName(thread).lowercase()}"
    override val send = "Skicka"
    override val safetyFallback =
        "Meddelanden är inte för akuta ärenden. Vid akut fara för liv eller hälsa, ring 112. För sjukvårdsrådgivning dygnet runt, ring 1177."
    override fun messageInvalid(max: Int) = "Meddelandet måste ha 1–$max tecken."

    override val summaryTitle = "Sammanfattning"
    override val summaryIntro = "Allt du har skrivit i kursen, samlat på ett ställe. Du kan läsa den, skriva ut den eller spara den."
    override val summaryView = "Visa"
    override val summaryViewDescription = "Visa sammanfattningen"
    override val summaryPrint = "Skriv ut"
    override val summaryPrintDescription = "Skriv ut sammanfattningen"
    override val summaryShare = "Spara eller dela"
    override val summaryShareDescription = "Spara eller dela sammanfattningen som PDF"
    override val summaryBusy = "Gör i ordning sammanfattningen…"
    override val summaryPrivacy = "Sammanfattningen innehåller dina svar. Tänk på var du sparar den och vem du delar den med."
    override val summaryFileName = "smartskolan-sammanfattning.pdf"
    override val summaryFileTitle = "Smärtskolan – sammanfattning"

    override val settingsTitle = "Inställningar"
    override val remindersHeading = "Påminnelser"
    override val moduleReminders = "Påminnelse när en modul öppnar"
    override val moduleDay = "Dag"
    override val openingDay = "Samma dag som modulen öppnar"
    override fun weekday(day: Weekday) = when (day) {
        Weekday.MONDAY -> "Måndag"
        Weekday.TUESDAY -> "Tisdag"
        Weekday.WEDNESDAY -> "Onsdag"
        Weekday.THURSDAY -> "Torsdag"
        Weekday.FRIDAY -> "Fredag"
        Weekday.SATURDAY -> "Lördag"
        Weekday.SUNDAY -> "Söndag"
    }
    override val moduleTime = "Tid"
    override val practiceReminder = "Daglig påminnelse om att öva"
    override val practiceTime = "Tid för övning"
    override val quietHours = "Tysta timmar"
    override val quietFrom = "Från"
    override val quietTo = "Till"
    override val quietHoursNote = "Under tysta timmar kommer inga påminnelser."
    override val nudges = "Påminn mig om jag inte har varit inne på ett tag"
    override val messageAlerts = "Meddela mig när kliniken har svarat"
    override val appHeading = "Appen"
    override val languageLabel = "Språk"
    override val textSizeLabel = "Textstorlek"
    override fun textSize(size: TextSize) = when (size) {
        TextSize.STANDARD -> "Normal"
        TextSize.LARGE -> "Stor"
        TextSize.EXTRA_LARGE -> "Extra stor"
    }
    override val displayNameLabel = "Vad vill du kallas?"
    override val displayNameHint = "Visas bara i appen och i din sammanfattning."
    override val moduleTimeQuiet = "Tiden ligger inom dina tysta timmar. Välj en annan tid."
    override val practiceTimeQuiet = "Övningstiden ligger inom dina tysta timmar. Välj en annan tid."
    override val quietSame = "Tysta timmar kan inte börja och sluta samma tid."
    override val nameTooLong = "Namnet är för långt."
    override val settingInvalid = "Ändringen kunde inte sparas. Försök med ett annat val."

    override val accessTitle = "Din tillgång"
    override fun accessActiveBody(endsOn: String) = "Du har tillgång till kursen till och med $endsOn."
    override val accessEndingTitle = "Din tillgång slutar snart"
    override fun accessEndingBody(days: Long, endsOn: String) =
        "Din tillgång till kursen slutar om $days ${if (days == 1L) "dag" else "dagar"}, $endsOn. Efter det kan du inte längre läsa kursen eller svara på uppgifter."
    override val accessEndedTitle = "Din tillgång har upphört"
    override fun accessEndedBody(endedOn: String) =
        "Din tillgång till kursen upphörde $endedOn. Det du har skrivit finns kvar i telefonen en kort tid till."
    override fun messagesUntil(date: String) = "Du kan skicka meddelanden till kliniken till och med $date."
    override fun unsentChanges(n: Long) =
        "$n ${if (n == 1L) "ändring har" else "ändringar har"} inte skickats till kliniken än. Anslut telefonen till internet så skickas de."
    override val whereToTurn =
        "Om du mår sämre: kontakta din klinik. Ring 1177 för sjukvårdsrådgivning dygnet runt. Vid akut fara för liv eller hälsa, ring 112."
}

object English : Strings() {
    override val loading = "Loading…"
    override val done = "Done"
    override val notDone = "Not done"
    override val selected = "selected"
    override val notSelected = "not selected"
    override val on = "on"
    override val off = "off"
    override val readMore = "Read more"
    override val saved = "Saved"
    override val optional = "Optional"
    override fun spokenLength(minutes: Long, seconds: Long) = listOfNotNull(
        if (minutes > 0) "$minutes ${if (minutes == 1L) "minute" else "minutes"}" else null,
        if (seconds > 0 || minutes == 0L) "$seconds ${if (seconds == 1L) "second" else "seconds"}" else null,
    ).joinToString(" ")

    override fun errorAction(action: ErrorAction) = when (action) {
        ErrorAction.RETRY -> "Try again"
        ErrorAction.OPEN_SETTINGS -> "Open settings"
        ErrorAction.CONTACT_CLINIC -> "Contact the clinic"
    }
    override val errNotEnrolled = "The app is not activated yet. You need the code from the clinic's letter."
    override val errNotFound = "This is no longer part of the course."
    override fun errModuleLocked(opensOn: String?) =
        if (opensOn == null) "This module is not open yet." else "This module opens on $opensOn."
    override val errAccessEnded = "Your access to the course has ended."
    override val errInvalidInput = "That could not be saved. Check what you chose and try again."
    override val errStorageFull = "The phone's storage is full. Free some space and try again."
    override val errDatabase = "Something is wrong with what the app has saved. Contact the clinic."
    override val errInternal = "Something went wrong. Try again."
    override val errNotActivated = "The app is not activated yet."
    override val errServerAddress = "The app cannot reach the clinic's server securely. Contact the clinic."
    override val errInvalidCode = "The code did not work. Check that it is typed correctly. If that does not help, the clinic can give you a new code."
    override fun errTooManyAttempts(minutes: Long) =
        "Too many tries. Wait $minutes ${if (minutes == 1L) "minute" else "minutes"} and try again."
    override val errOffline = "No connection. What you have written stays on the phone. Try again when you are online."
    override val errDeviceNotAccepted = "This phone is no longer connected to the clinic. Contact the clinic for a new code."
    override val errServerBusy = "The clinic's server is not answering right now. Try again in a while."
    override val errServerProblem = "The clinic's server did not answer as expected. Contact the clinic if this goes on."
    override val errNoRecording = "This exercise cannot be played right now."
    override val errRecordingBroken = "The recording could not be played. Contact the clinic."
    override val errSound = "Sound could not be played. Check the phone's sound settings."
    override val errLocked = "Unlock the phone and try again."
    override val errUpdateApp = "Update the app to continue."

    override val answerEmpty = "Write or choose an answer first."
    override fun answerTooLong(maxChars: Int) = "The answer is too long: at most $maxChars characters. Shorten it a little."
    override fun answerOutOfRange(min: Long, max: Long) = "Choose a value from $min to $max."
    override val answerFieldMissing = "Fill in every field of the diary."
    override val answerOption = "Choose among the options."
    override val answerInvalid = "The answer could not be saved. Check it and try again."

    override val activationTitle = "Welcome to the Pain School"
    override val activationIntro = "The clinic has sent you a letter with a code. Type the code, or scan the QR code in the letter."
    override val activationCodeLabel = "Code from the letter"
    override val activationCodeHint = "Four groups of four characters, for example 3F9A-07C2-B1D4-6E58"
    override val activationSubmit = "Activate"
    override val activationScan = "Scan QR code"
    override val activationScanDescription = "Scan the QR code in the letter with the camera"
    override val activationBusy = "Activating…"
    override val activationHelp = "No letter, or has the code expired? Contact the clinic."
    override val activationNotOurQr = "This QR code is not from the Pain School letter."
    override val activationScanAgain = "Scan again"

    override val thisWeekTitle = "This week"
    override fun greeting(name: String?) = if (name == null) "Hello!" else "Hello $name!"
    override fun weekLine(week: Int, open: Int, total: Int, finished: Int) =
        "Week $week. $open of $total modules open, $finished done."
    override fun moduleNumber(n: Int) = "Module $n"
    override fun sectionsDone(done: Int, total: Int) = "$done of $total parts done"
    override val openModule = "Start"
    override val continueModule = "Continue"
    override fun nextUnlock(number: Int, date: String) = "Module $number opens on $date."
    override val checkInDue = "This week's check-in is waiting for you."
    override val checkInAction = "Do the check-in"
    override fun messagesWaiting(n: Int) = if (n == 1) "1 new message" else "$n new messages"
    override val readMessages = "Read"
    override fun nextReminder(at: String) = "Next reminder: $at"
    override val remindersWorking = "Reminders are on."
    override fun healthAction(action: HealthAction) = when (action) {
        HealthAction.NONE -> null
        HealthAction.ASK_PERMISSION -> "Allow notifications"
        HealthAction.OPEN_SYSTEM_SETTINGS -> "Open settings"
        HealthAction.OPEN_REMINDER_SETTINGS -> "Change reminders"
    }
    override fun summaryOffer(reason: SummaryOfferReason, until: String?) = when (reason) {
        SummaryOfferReason.LAST_MODULE -> "The course's last module is open. Save a summary of everything you have written."
        SummaryOfferReason.ACCESS_ENDED ->
            if (until == null) "Save the summary of everything you have written before it is removed from the phone."
            else "Save the summary of everything you have written by $until. After that it is removed from the phone."
    }
    override val summaryAction = "Save the summary"
    override fun accessNotStarted(date: String) = "The course starts on $date."
    override fun accessEndingSoon(days: Long, date: String) =
        "Your access to the course ends in $days ${if (days == 1L) "day" else "days"}, on $date."
    override val accessEndedShort = "Your access to the course has ended."

    override val visitsTitle = "Visits"
    override val visitsPast = "Earlier visits"
    override val visitsNoneComing = "No visits booked. Your clinician books visits and they show here."
    override val visitCancelled = "Cancelled"
    override fun visitKind(kind: VisitKind, minutes: Int) = when (kind) {
        VisitKind.CLINIC -> "Visit at the clinic"
        VisitKind.VIDEO -> "Video call"
        VisitKind.PHONE -> "Phone call"
        VisitKind.OTHER -> "Visit"
    } + ", $minutes minutes"
    override fun nextVisit(time: String, kind: String) = "Next visit: $time. $kind."
    override val showVisits = "Show visits"

    override val courseTitle = "The course"
    override fun moduleOpensOn(date: String) = "Opens on $date"
    override val moduleOpenedByClinician = "Your clinician opens this module"

    override val moduleTitleLoading = "Module"
    override fun sectionKind(kind: String) = when (kind) {
        "text" -> "Text"
        "image" -> "Picture"
        "audio" -> "Audio"
        "video" -> "Film"
        "mindfulness" -> "Mindfulness"
        "assignment" -> "Assignment"
        "reflection" -> "Reflection"
        "check_in" -> "Check-in"
        else -> ""
    }
    override val transcript = "Transcript"
    override fun videoDescription(title: String, length: String?) =
        listOfNotNull("Film: $title", length, "with captions").joinToString(", ")
    override fun exerciseLength(length: String) = "The exercise takes $length."
    override val startExercise = "Start"
    override fun startExerciseDescription(title: String) = "Start $title"
    override val markDone = "Mark as done"
    override fun markDoneDescription(title: String) = "Mark $title as done"
    override fun scaleValue(value: Long, max: Long) = "$value of $max"
    override val scaleNone = "Nothing chosen"
    override fun diaryEntries(n: Int) = if (n == 1) "1 entry" else "$n entries"
    override fun answered(at: String) = "Saved $at."
    override val reviewed = "Your clinician has read the answer."
    override val answerFirst = "Write or choose an answer first."
    override val draftSaving = "Saving draft…"
    override val draftSaved = "The draft is saved on the phone."
    override val draftFailed = "The draft could not be saved."
    override val submitAnswer = "Save the answer"
    override val updateAnswer = "Save the change"
    override val addDiaryEntry = "Add to the diary"

    override fun playStatus(status: PlayStatus) = when (status) {
        PlayStatus.LOADING -> "Loading the exercise…"
        PlayStatus.READY -> null
        PlayStatus.PLAYING -> null
        PlayStatus.PAUSED -> "Paused"
        PlayStatus.ENDED -> "The exercise has ended."
        PlayStatus.FAILED -> null
    }
    override val play = "Play"
    override val pause = "Pause"
    override fun playDescription(title: String) = "Play $title"
    override fun pauseDescription(title: String) = "Pause $title"
    override val skipBack = "−15 s"
    override val skipBackDescription = "Back 15 seconds"
    override val skipForward = "+15 s"
    override val skipForwardDescription = "Forward 15 seconds"
    override val seekDescription = "Where you are in the exercise"
    override fun positionOf(position: String, length: String) = "$position of $length"
    override fun resumeOffer(at: String) = "Do you want to continue where you stopped, at $at?"
    override val resumeContinue = "Continue"
    override val resumeStartOver = "Start over"
    override fun minutesToday(minutes: Int) = "Today you have practised for $minutes ${if (minutes == 1) "minute" else "minutes"}."

    override val messagesTitle = "Messages"
    override fun threadName(thread: MessageThread) = when (thread) {
        MessageThread.CLINICIAN -> "Your clinician"
        MessageThread.TEAM -> "The team"
    }
    override fun threadDescription(thread: MessageThread, unread: Int) =
        threadName(thread) + if (unread > 0) ", ${messagesWaiting(unread)}" else ""
    override fun threadIntro(thread: MessageThread) = when (thread) {
        MessageThread.CLINICIAN -> "Questions about the course and how you are getting on."
        MessageThread.TEAM -> "Practical questions, for example about times or the app."
    }
    override val you = "You"
    override val theClinic = "The clinic"
    override fun messageStatus(status: MessageStatus) = when (status) {
        MessageStatus.QUEUED -> "Sent when the phone is online"
        MessageStatus.SENT -> "Sent"
        MessageStatus.READ -> "Read"
        MessageStatus.FAILED -> "Could not be sent"
    }
    override val noMessages = "No messages yet."
    override fun writeMessage(thread: MessageThread) = "Write to ${threadName(thread).lowercase()}"
    override val send = "Send"
    override val safetyFallback =
        "Messages are not for emergencies. If life or health is in danger, call 112. For medical advice at any hour, call 1177."
    override fun messageInvalid(max: Int) = "A message must have 1–$max characters."

    override val summaryTitle = "Summary"
    override val summaryIntro = "Everything you have written in the course, in one place. You can read it, print it or save it."
    override val summaryView = "View"
    override val summaryViewDescription = "View the summary"
    override val summaryPrint = "Print"
    override val summaryPrintDescription = "Print the summary"
    override val summaryShare = "Save or share"
    override val summaryShareDescription = "Save or share the summary as a PDF"
    override val summaryBusy = "Preparing the summary…"
    override val summaryPrivacy = "The summary holds your answers. Think about where you save it and who you share it with."
    override val summaryFileName = "pain-school-summary.pdf"
    override val summaryFileTitle = "Pain School – summary"

    override val settingsTitle = "Settings"
    override val remindersHeading = "Reminders"
    override val moduleReminders = "Remind me when a module opens"
    override val moduleDay = "Day"
    override val openingDay = "The day the module opens"
    override fun weekday(day: Weekday) = when (day) {
        Weekday.MONDAY -> "Monday"
        Weekday.TUESDAY -> "Tuesday"
        Weekday.WEDNESDAY -> "Wednesday"
        Weekday.THURSDAY -> "Thursday"
        Weekday.FRIDAY -> "Friday"
        Weekday.SATURDAY -> "Saturday"
        Weekday.SUNDAY -> "Sunday"
    }
    override val moduleTime = "Time"
    override val practiceReminder = "Daily reminder to practise"
    override val practiceTime = "Practice time"
    override val quietHours = "Quiet hours"
    override val quietFrom = "From"
    override val quietTo = "To"
    override val quietHoursNote = "No reminders come during quiet hours."
    override val nudges = "Remind me if I have not been in for a while"
    override val messageAlerts = "Tell me when the clinic has replied"
    override val appHeading = "The app"
    override val languageLabel = "Language"
    override val textSizeLabel = "Text size"
    override fun textSize(size: TextSize) = when (size) {
        TextSize.STANDARD -> "Normal"
        TextSize.LARGE -> "Large"
        TextSize.EXTRA_LARGE -> "Extra large"
    }
    override val displayNameLabel = "What would you like to be called?"
    override val displayNameHint = "Shown only in the app and in your summary."
    override val moduleTimeQuiet = "That time is within your quiet hours. Choose another time."
    override val practiceTimeQuiet = "The practice time is within your quiet hours. Choose another time."
    override val quietSame = "Quiet hours cannot start and end at the same time."
    override val nameTooLong = "The name is too long."
    override val settingInvalid = "The change could not be saved. Try another choice."

    override val accessTitle = "Your access"
    override fun accessActiveBody(endsOn: String) = "You have access to the course until $endsOn."
    override val accessEndingTitle = "Your access ends soon"
    override fun accessEndingBody(days: Long, endsOn: String) =
        "Your access to the course ends in $days ${if (days == 1L) "day" else "days"}, on $endsOn. After that you can no longer read the course or answer assignments."
    override val accessEndedTitle = "Your access has ended"
    override fun accessEndedBody(endedOn: String) =
        "Your access to the course ended on $endedOn. What you have written stays on the phone for a short while."
    override fun messagesUntil(date: String) = "You can send messages to the clinic until $date."
    override fun unsentChanges(n: Long) =
        "$n ${if (n == 1L) "change has" else "changes have"} not been sent to the clinic yet. Connect the phone to the internet to send them."
    override val whereToTurn =
        "If you feel worse: contact your clinic. Call 1177 for medical advice at any hour. If life or health is in danger, call 112."
}
