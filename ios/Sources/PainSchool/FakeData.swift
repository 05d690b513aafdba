// The fake's synthetic course: eight modules, every section kind and
// question type, two message threads, a visit, a reminder plan, and the
// state of each `FakeScenario`. No real patient data; texts are written for
// previews in Swedish and English.
import Foundation
import PainSchoolCore

enum FakeData {
    static let day: TimeInterval = 86_400
    /// Monday 2026-11-02 08:00 UTC, the start of the fake enrolment.
    static let start = Date(timeIntervalSince1970: 1_793_606_400)
    /// Twelve months later.
    static let accessEnd = start.addingTimeInterval(365 * day)
    /// Fourteen days after the end.
    static let graceEnd = accessEnd.addingTimeInterval(14 * day)

    static var enrolment: Enrolment {
        Enrolment(
            start: start, timeZone: "Europe/Stockholm", pace: .weekly, readAhead: false,
            manualUnlocks: [], accessEnd: nil)
    }

    static func text(_ sv: String, _ en: String, _ language: Language) -> String {
        language == .english ? en : sv
    }

    /// Whether `time` falls inside quiet hours that may cross midnight.
    static func inside(_ time: LocalTime, _ quiet: QuietHours) -> Bool {
        let t = Int(time.hour) * 60 + Int(time.minute)
        let begin = Int(quiet.start.hour) * 60 + Int(quiet.start.minute)
        let end = Int(quiet.end.hour) * 60 + Int(quiet.end.minute)
        return begin <= end ? (t >= begin && t < end) : (t >= begin || t < end)
    }

    private static func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Europe/Stockholm")
        f.dateFormat = format
        return f
    }

    /// A local ISO date, as the core gives them.
    static func iso(_ date: Date) -> String { formatter("yyyy-MM-dd").string(from: date) }

    /// A local ISO date-time, as the core gives them.
    static func isoLocal(_ date: Date) -> String { formatter("yyyy-MM-dd'T'HH:mm").string(from: date) }

    private static let titles: [(sv: String, en: String, svSummary: String, enSummary: String)] = [
        ("Introduktion och smärtfysiologi", "Introduction and pain physiology",
         "Så fungerar kursen, och hur nerverna och hjärnan skapar smärta.",
         "How the course works, and how the nerves and the brain create pain."),
        ("Behandling", "Treatment", "Vad som hjälper vid långvarig smärta.", "What helps with long-term pain."),
        ("Fysisk aktivitet", "Physical activity", "Rörelse i lagom dos.", "Movement in the right dose."),
        ("Vardagens aktiviteter", "Everyday activities", "Att planera dagen.", "Planning the day."),
        ("Tankar och känslor", "Thoughts and feelings", "Hur tankar påverkar smärta.", "How thoughts affect pain."),
        ("Livsstil", "Lifestyle", "Sömn, mat och återhämtning.", "Sleep, food and recovery."),
        ("Familj och omgivning", "Family and others", "Att prata om smärtan.", "Talking about the pain."),
        ("Avslutning", "Conclusion", "Din plan framåt.", "Your plan ahead."),
    ]

    static func modules(open openCount: Int, finished: Int, language: Language) -> [ModuleCard] {
        (1...8).map { n in
            let opensAt = start.addingTimeInterval(Double(n - 1) * 7 * day)
            let isOpen = n <= openCount
            let t = titles[n - 1]
            let done: UInt32 = n <= finished ? 6 : (isOpen ? 2 : 0)
            return ModuleCard(
                id: "m\(n)", number: UInt32(n), title: text(t.sv, t.en, language),
                summary: text(t.svSummary, t.enSummary, language),
                lock: isOpen ? .open : .locked(opensAt: opensAt),
                progress: ModuleProgress(sectionsDone: done, sectionsTotal: 6, finished: n <= finished),
                opensOn: isOpen ? nil : iso(opensAt))
        }
    }

    static func sections(language: Language) -> [String: [SectionSummary]] {
        var all: [String: [SectionSummary]] = [:]
        for n in 1...8 {
            let m = "m\(n)"
            var list = [
                SectionSummary(id: "\(m)-intro", kind: "text", title: text("Om den här delen", "About this part", language)),
                SectionSummary(id: "\(m)-image", kind: "image", title: text("Smärtsystemet", "The pain system", language)),
            ]
            if n == 1 {
                list.append(SectionSummary(id: "m1-audio-intro", kind: "audio", title: text("Lyssna: välkommen", "Listen: welcome", language)))
                list.append(SectionSummary(id: "m1-animation", kind: "video", title: text("Animation: en smärtsignals väg", "Animation: the path of a pain signal", language)))
            }
            if n != 6 && n != 8 {
                list.append(SectionSummary(id: "\(m)-exercise", kind: "mindfulness", title: text("Andningsövning", "Breathing exercise", language)))
            }
            list.append(SectionSummary(id: "\(m)-assignment", kind: "assignment", title: text("Min smärta", "My pain", language)))
            list.append(SectionSummary(id: "\(m)-reflection", kind: "reflection", title: text("Att tänka på", "To reflect on", language)))
            if n == 1 {
                list.append(SectionSummary(id: "m1-weekly-check-in", kind: "check_in", title: text("Veckans avstämning", "Weekly check-in", language)))
            }
            list.append(SectionSummary(id: "\(m)-where-to-turn", kind: "text", title: text("Vart du vänder dig", "Where to turn", language)))
            all[m] = list
        }
        return all
    }

    private static func media(_ name: String) -> MediaRef {
        MediaRef(path: "/fake/media/\(name)", sha256: String(repeating: "0", count: 64))
    }

    private static func scale(_ id: String, _ prompt: String, _ language: Language) -> QuestionView {
        QuestionView(
            id: id, prompt: prompt, questionType: "scale", required: true,
            scale: ScaleRange(
                min: 0, max: 10,
                minLabel: text("Ingen", "None", language),
                maxLabel: text("Värsta tänkbara", "Worst imaginable", language)),
            options: [], fields: [], answers: [], draft: nil)
    }

    static func sectionView(_ summary: SectionSummary, moduleId: String, language: Language) -> SectionView {
        var view = SectionView(
            moduleId: moduleId, sectionId: summary.id, kind: summary.kind, title: summary.title,
            bodyMarkdown: nil, transcriptMarkdown: nil, media: nil, captions: nil, altText: nil,
            caption: nil, durationSeconds: nil, questions: [])
        switch summary.kind {
        case "text":
            view.bodyMarkdown = text(
                "## Välkommen\n\nDen här delen tar ungefär **tjugo minuter**. Ta pauser när du behöver.\n\n- Läs i din egen takt\n- Skriv gärna ner frågor\n\nOm smärtan blir värre: kontakta din mottagning. Ring 1177 för sjukvårdsrådgivning och 112 vid en nödsituation.",
                "## Welcome\n\nThis part takes about **twenty minutes**. Take breaks when you need to.\n\n- Read at your own pace\n- Write down your questions\n\nIf the pain gets worse: contact your clinic. Call 1177 for healthcare advice and 112 in an emergency.",
                language)
        case "image":
            view.media = media("pain-system.svg")
            view.altText = text(
                "Förenklad bild av smärtsystemet: en nerv går från handen till ryggmärgen och vidare till hjärnan.",
                "Simplified picture of the pain system: a nerve runs from the hand to the spinal cord and on to the brain.",
                language)
            view.caption = text("Signalen går via ryggmärgen till hjärnan.", "The signal travels via the spinal cord to the brain.", language)
        case "audio":
            view.media = media("audio-intro.ogg")
            view.transcriptMarkdown = text("Välkommen till modul 1.", "Welcome to module 1.", language)
            view.durationSeconds = 34
        case "video":
            view.media = media("pain-animation.mp4")
            view.captions = media("pain-animation.vtt")
            view.transcriptMarkdown = text("En smärtsignal börjar i en nervända.", "A pain signal starts at a nerve ending.", language)
            view.durationSeconds = 117
        case "mindfulness":
            view.bodyMarkdown = text("Sätt dig bekvämt. Övningen tar sju minuter.", "Sit comfortably. The exercise takes seven minutes.", language)
            view.media = media("breathing-anchor.ogg")
            view.transcriptMarkdown = text("Lägg märke till andningen.", "Notice your breathing.", language)
            view.durationSeconds = 414
        case "assignment":
            view.bodyMarkdown = text("Svara i lugn och ro. Dina svar sparas som utkast medan du skriver.", "Take your time. Your answers are kept as drafts while you write.", language)
            view.questions = [
                QuestionView(
                    id: "\(moduleId)-pain-daily-life", prompt: text("Hur påverkar smärtan din vardag?", "How does the pain affect your daily life?", language),
                    questionType: "free_text", required: true, scale: nil, options: [], fields: [], answers: [], draft: nil),
                scale("\(moduleId)-coping-confidence", text("Hur säker känner du dig på att hantera smärtan?", "How confident are you that you can handle the pain?", language), language),
                QuestionView(
                    id: "\(moduleId)-pain-duration", prompt: text("Hur länge har du haft ont?", "How long have you had pain?", language),
                    questionType: "single_choice", required: true, scale: nil,
                    options: [
                        ChoiceOption(id: "under-1-year", label: text("Mindre än ett år", "Less than a year", language)),
                        ChoiceOption(id: "1-5-years", label: text("1–5 år", "1–5 years", language)),
                        ChoiceOption(id: "over-5-years", label: text("Mer än 5 år", "More than 5 years", language)),
                    ],
                    fields: [], answers: [], draft: nil),
                QuestionView(
                    id: "\(moduleId)-pain-triggers", prompt: text("Vad brukar göra smärtan värre?", "What tends to make the pain worse?", language),
                    questionType: "multiple_choice", required: false, scale: nil,
                    options: [
                        ChoiceOption(id: "stress", label: text("Stress", "Stress", language)),
                        ChoiceOption(id: "sitting", label: text("Att sitta länge", "Sitting for long", language)),
                        ChoiceOption(id: "cold", label: text("Kyla", "Cold", language)),
                    ],
                    fields: [], answers: [], draft: nil),
                QuestionView(
                    id: "\(moduleId)-week-checklist", prompt: text("Det här gör jag den här veckan", "This week I will", language),
                    questionType: "checklist", required: false, scale: nil,
                    options: [
                        ChoiceOption(id: "walk", label: text("Ta en promenad", "Take a walk", language)),
                        ChoiceOption(id: "rest", label: text("Planera in vila", "Plan some rest", language)),
                    ],
                    fields: [], answers: [], draft: nil),
                QuestionView(
                    id: "\(moduleId)-activity-diary", prompt: text("Aktivitetsdagbok", "Activity diary", language),
                    questionType: "diary", required: false, scale: nil, options: [],
                    fields: [
                        DiaryField(id: "date", label: text("Datum", "Date", language), fieldType: "date"),
                        DiaryField(id: "activity", label: text("Aktivitet", "Activity", language), fieldType: "text"),
                        DiaryField(id: "minutes", label: text("Minuter", "Minutes", language), fieldType: "number"),
                        DiaryField(id: "pain-before", label: text("Smärta före (0–10)", "Pain before (0–10)", language), fieldType: "scale"),
                        DiaryField(id: "pain-after", label: text("Smärta efter (0–10)", "Pain after (0–10)", language), fieldType: "scale"),
                    ],
                    answers: [], draft: nil),
            ]
        case "reflection":
            view.questions = [
                QuestionView(
                    id: "\(moduleId)-reflection-learned", prompt: text("Vad tar du med dig från den här delen?", "What do you take with you from this part?", language),
                    questionType: "free_text", required: true, scale: nil, options: [], fields: [], answers: [], draft: nil),
            ]
        case "check_in":
            view.questions = [
                scale("check-in-pain", text("Hur ont har du haft den här veckan?", "How much pain have you had this week?", language), language),
                scale("check-in-sleep", text("Hur mycket har smärtan stört din sömn?", "How much has the pain disturbed your sleep?", language), language),
            ]
        default:
            break
        }
        return view
    }

    static func messages(unread: Bool, language: Language) -> [MessageThread: [Message]] {
        [
            .clinician: [
                Message(
                    id: "msg-1", thread: .clinician, author: .patient, authorName: nil,
                    text: text("Hej! Jag har en fråga om övning två.", "Hi! I have a question about exercise two.", language),
                    writtenAt: start.addingTimeInterval(3 * day), status: .read,
                    readAt: start.addingTimeInterval(3.2 * day)),
                Message(
                    id: "msg-2", thread: .clinician, author: .clinic, authorName: "Testbehandlare Ett",
                    text: text("Hej! Gör övningen sittande om det känns bättre.", "Hi! Do the exercise sitting down if that feels better.", language),
                    writtenAt: start.addingTimeInterval(4 * day), status: unread ? .sent : .read, readAt: nil),
            ],
            .team: [
                Message(
                    id: "msg-3", thread: .team, author: .clinic, authorName: text("Teamet", "The team", language),
                    text: text("Välkommen till Smärtskolan!", "Welcome to the Pain School!", language),
                    writtenAt: start.addingTimeInterval(0.1 * day), status: unread ? .sent : .read, readAt: nil),
            ],
        ]
    }

    static func reminderSettings(practice: Bool) -> ReminderSettings {
        ReminderSettings(
            moduleReminders: true, moduleWeekday: nil, moduleTime: LocalTime(hour: 10, minute: 0),
            practiceTime: practice ? LocalTime(hour: 19, minute: 30) : nil,
            quietHours: QuietHours(start: LocalTime(hour: 21, minute: 0), end: LocalTime(hour: 8, minute: 0)),
            nudges: true, messageAlerts: true)
    }

    static func plan(nextModule: Int?, language: Language) -> ReminderPlan {
        guard let n = nextModule else { return ReminderPlan(requests: [], leftOut: 0) }
        let at = start.addingTimeInterval(Double(n - 1) * 7 * day + 3_600)
        let nudgeAt = at.addingTimeInterval(-4 * day)
        return ReminderPlan(
            requests: [
                ReminderRequest(
                    id: "nudge", kind: .nudge, fireAt: nudgeAt, fireAtLocal: isoLocal(nudgeAt), daily: false,
                    title: text("Smärtskolan", "The Pain School", language),
                    body: text("Din kurs väntar när det passar dig.", "Your course is waiting when it suits you.", language),
                    screen: .module(moduleId: "m\(n - 1)"), deepLink: "painschool://module/m\(n - 1)"),
                ReminderRequest(
                    id: "module-m\(n)", kind: .moduleOpened, fireAt: at, fireAtLocal: isoLocal(at), daily: false,
                    title: text("Smärtskolan", "The Pain School", language),
                    body: text("En ny del av kursen är öppen. Ta den när det passar dig.", "A new part of the course is open. Take it when it suits you.", language),
                    screen: .module(moduleId: "m\(n)"), deepLink: "painschool://module/m\(n)"),
            ],
            leftOut: 0)
    }

    /// The fake's state in `scenario`.
    static func state(_ scenario: FakeScenario, language: Language) -> FakeState {
        var days: Double = 1
        var openCount = 1
        var finished = 0
        var unread = false
        var checkInDue = true
        var practice = false
        var activity = SyncActivity.idle
        var offer = SummaryOffer(reason: nil, until: nil)
        switch scenario {
        case .notActivated, .notStarted:
            days = -2
            openCount = 0
            checkInDue = false
        case .firstWeek, .failing:
            break
        case .midCourse, .offline:
            days = 22
            openCount = 4
            finished = 3
            unread = true
            practice = true
            if scenario == .offline { activity = .offline }
        case .lastModule:
            days = 50
            openCount = 8
            finished = 7
            offer = SummaryOffer(reason: .lastModule, until: nil)
        case .accessEnding:
            days = 353
            openCount = 8
            finished = 8
            checkInDue = false
            offer = SummaryOffer(reason: .lastModule, until: nil)
        case .accessEnded:
            days = 368
            openCount = 8
            finished = 8
            checkInDue = false
            offer = SummaryOffer(reason: .accessEnded, until: graceEnd)
        }
        let now = start.addingTimeInterval(days * day)
        let cards = Self.modules(open: openCount, finished: finished, language: language)
        let access: Access
        if scenario == .accessEnded {
            access = .ended(endedAt: accessEnd, graceUntil: graceEnd)
        } else if days < 0 {
            access = .notStarted(startsAt: start)
        } else {
            let left = Int64((accessEnd.timeIntervalSince(now) / day).rounded(.down))
            access = .active(endsAt: accessEnd, daysLeft: left, endingSoon: left <= 30)
        }
        let nextNumber: Int? = openCount < 8 ? openCount + 1 : nil
        let nextUnlock = nextNumber.map { n in
            let at = start.addingTimeInterval(Double(n - 1) * 7 * day)
            return NextUnlock(moduleId: "m\(n)", number: UInt32(n), opensAt: at, opensOn: iso(at))
        }
        let current = openCount > 0 && scenario != .accessEnded ? cards[openCount - 1] : nil
        let week = ThisWeek(
            today: iso(now), courseWeek: days < 0 ? 0 : UInt32(days / 7) + 1, access: access,
            current: current, nextUnlock: scenario == .accessEnded ? nil : nextUnlock,
            modulesOpen: UInt32(openCount), modulesFinished: UInt32(finished), modulesTotal: 8,
            checkInDue: checkInDue)
        let sectionMap = Self.sections(language: language)
        var views: [String: SectionView] = [:]
        for (moduleId, list) in sectionMap {
            for summary in list {
                views[summary.id] = sectionView(summary, moduleId: moduleId, language: language)
            }
        }
        let activated = scenario != .notActivated
        return FakeState(
            activated: activated,
            week: activated ? week : nil,
            modules: cards,
            sections: sectionMap,
            sectionViews: views,
            messages: messages(unread: unread, language: language),
            unitName: text("Smärtmottagningen (test)", "The pain clinic (test)", language),
            replyTime: text("Vi svarar inom två vardagar.", "We reply within two working days.", language),
            visits: [
                Visit(id: "visit-1", startsAt: now.addingTimeInterval(6 * day), minutes: 30, kind: .video, cancelled: false),
            ],
            preferences: Preferences(displayName: nil, language: language, textSize: .standard),
            reminderSettings: reminderSettings(practice: practice),
            plan: plan(nextModule: nextNumber, language: language),
            access: AccessStatus(
                access: access, summaryOffered: scenario == .accessEnded, unsent: scenario == .accessEnded ? 2 : 0,
                endConfirmed: false, wipeDue: false),
            offer: offer,
            practiceMinutes: practice ? 7 : 0,
            syncState: SyncState(
                activity: activity, activated: activated,
                lastSuccess: activated ? now.addingTimeInterval(-3_600) : nil,
                retryAt: scenario == .offline ? Date().addingTimeInterval(300) : nil),
            failure: scenario == .failing ? .StorageFull : nil,
            syncFailure: scenario == .offline ? .Offline : nil,
            playerFailure: nil,
            resumeAtMs: scenario == .midCourse ? 252_000 : nil)
    }

    /// A one-page PDF for the summary's previews.
    static let pdf = Data("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n4 0 obj\n<< /Length 46 >>\nstream\nBT /F1 24 Tf 72 760 Td (Preview summary) Tj ET\nendstream\nendobj\n5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\nxref\n0 6\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n0000000241 00000 n \n0000000337 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n407\n%%EOF\n".utf8)
}
