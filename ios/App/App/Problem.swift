// What went wrong, as the screens tell it: one mapping from the core's
// typed errors (CourseError, SyncError, PlayerError) to a few cases the
// patient can act on. No case carries patient text, so a problem may be
// logged by name.
import Foundation
import OSLog
import PainSchool

enum Problem: Equatable {
    case notEnrolled
    case notFound
    case moduleLocked(opensAt: Date?)
    case accessEnded(graceUntil: Date)
    case clinicEndedAccess
    /// The core refused an answer: which rule (never the answer).
    case invalidAnswer(AnswerRule)
    case invalidInput
    case storageFull
    case databaseCorrupt
    case offline
    case invalidServer
    case invalidCode
    case tooManyAttempts
    case unauthorized
    case deviceRevoked
    case serverUnavailable
    case serverError
    case player(PlayerFailure)
    case unexpected

    init(_ error: Error) {
        switch error {
        case let course as CourseError:
            self = Problem(course: course)
        case let sync as SyncError:
            self = Problem(sync: sync)
        case let player as PlayerError:
            switch player {
            case let .Failed(kind, _):
                self = .player(kind)
            }
        default:
            self = .unexpected
        }
        Log.app.error("problem: \(self.logName, privacy: .public)")
    }

    private init(course: CourseError) {
        switch course {
        case .NotEnrolled: self = .notEnrolled
        case .NotFound: self = .notFound
        case let .ModuleLocked(_, opensAt): self = .moduleLocked(opensAt: opensAt)
        case let .AccessEnded(_, graceUntil): self = .accessEnded(graceUntil: graceUntil)
        case let .InvalidAnswer(_, rule): self = .invalidAnswer(rule)
        case .InvalidInput: self = .invalidInput
        case .StorageFull: self = .storageFull
        case .DatabaseCorrupt: self = .databaseCorrupt
        case .Internal: self = .unexpected
        }
    }

    private init(sync: SyncError) {
        switch sync {
        case .NotActivated: self = .notEnrolled
        case .InvalidServerUrl: self = .invalidServer
        case .InvalidCode: self = .invalidCode
        case .TooManyAttempts: self = .tooManyAttempts
        case .Offline: self = .offline
        case .Unauthorized: self = .unauthorized
        case .DeviceRevoked: self = .deviceRevoked
        case .AccessEnded: self = .clinicEndedAccess
        case .ServerUnavailable: self = .serverUnavailable
        case .ServerError: self = .serverError
        case .StorageFull: self = .storageFull
        case .Internal: self = .unexpected
        }
    }

    /// The case's name for logs (no patient text).
    var logName: String {
        switch self {
        case let .player(kind): return "player.\(kind)"
        case .moduleLocked: return "moduleLocked"
        case .accessEnded: return "accessEnded"
        case .invalidAnswer: return "invalidAnswer"
        default: return String(describing: self)
        }
    }

    /// Whether trying the same thing again can help.
    var canRetry: Bool {
        switch self {
        case .offline, .serverUnavailable, .serverError, .unexpected, .storageFull: return true
        default: return false
        }
    }

    /// What the patient reads.
    func message(_ t: Strings) -> String {
        switch self {
        case .notEnrolled: return t("problem.notEnrolled")
        case .notFound: return t("problem.notFound")
        case let .moduleLocked(opensAt):
            if let opensAt {
                return t.format("problem.moduleLocked.date", t.date(opensAt))
            }
            return t("problem.moduleLocked")
        case let .accessEnded(graceUntil):
            return t.format("problem.accessEnded", t.date(graceUntil))
        case .clinicEndedAccess: return t("problem.clinicEndedAccess")
        case let .invalidAnswer(rule):
            switch rule {
            case .empty: return t("problem.answer.empty")
            case let .tooLong(maxChars): return t.format("problem.answer.tooLong", Int(maxChars))
            case let .outOfRange(min, max): return t.format("problem.answer.outOfRange", Int(min), Int(max))
            case .missingField: return t("problem.answer.fieldMissing")
            case .unknownOption, .duplicateOption: return t("problem.answer.option")
            case .wrongType, .unknownField: return t("problem.invalidAnswer")
            }
        case .invalidInput: return t("problem.invalidInput")
        case .storageFull: return t("problem.storageFull")
        case .databaseCorrupt: return t("problem.databaseCorrupt")
        case .offline: return t("problem.offline")
        case .invalidServer: return t("problem.invalidServer")
        case .invalidCode: return t("problem.invalidCode")
        case .tooManyAttempts: return t("problem.tooManyAttempts")
        case .unauthorized: return t("problem.unauthorized")
        case .deviceRevoked: return t("problem.deviceRevoked")
        case .serverUnavailable: return t("problem.serverUnavailable")
        case .serverError: return t("problem.serverError")
        case let .player(kind):
            switch kind {
            case .noRecording, .missing, .hashMismatch, .unsupported, .corrupt, .endedEarly:
                return t("problem.player.file")
            case .notAvailable: return t("problem.player.notAvailable")
            case .device: return t("problem.player.device")
            case .storage: return t("problem.storageFull")
            case .nothingLoaded, .`internal`: return t("problem.unexpected")
            }
        case .unexpected: return t("problem.unexpected")
        }
    }
}

/// The app's loggers. Log ids, kinds and counts only: never an answer, a
/// draft, a message or a name (if ever needed, `privacy: .private`).
enum Log {
    static let app = Logger(subsystem: "app.painschool", category: "app")
    static let sync = Logger(subsystem: "app.painschool", category: "sync")
    static let reminders = Logger(subsystem: "app.painschool", category: "reminders")
    static let audio = Logger(subsystem: "app.painschool", category: "audio")
}
