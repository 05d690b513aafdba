// The iOS app's view of the core: screens talk to `CourseClient`; the real
// implementation wraps the generated bindings, a fake drives previews and UI
// tests. Hand-written; the generated code lives in Sources/PainSchoolCore.
import Foundation
import Security
import PainSchoolCore

/// What the screens need from the course.
public protocol CourseClient: AnyObject {
    func thisWeek() async throws -> ThisWeek
    func observeThisWeek(_ onChange: @escaping @Sendable (Result<ThisWeek, CourseError>) -> Void) -> TaskHandle
    func openSection(_ id: String) async throws -> SectionView
    func submit(questionId: String, entryId: String?, value: AnswerValue) async throws -> AnswerVersion
}

/// The real client over the Rust core.
public final class RustCourseClient: CourseClient {
    private let course: Course

    /// Opens the course stored in Application Support with the key from the
    /// Keychain. Sync goes through `http`, URLSession by default.
    public static func open(
        bundleDir: URL,
        http: HttpClient = URLSessionHttpClient()
    ) async throws -> RustCourseClient {
        let support = try FileManager.default.url(
            for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        let dataDir = support.appendingPathComponent("course", isDirectory: true)
        let course = try await openCourse(
            dataDir: dataDir.path,
            bundleDir: bundleDir.path,
            keys: KeychainKeyProvider(),
            clock: SystemClock(),
            http: http)
        return RustCourseClient(course: course)
    }

    init(course: Course) { self.course = course }

    public func thisWeek() async throws -> ThisWeek { try await course.thisWeek() }

    public func observeThisWeek(_ onChange: @escaping @Sendable (Result<ThisWeek, CourseError>) -> Void) -> TaskHandle {
        course.subscribeThisWeek(listener: Listener(onChange))
    }

    public func openSection(_ id: String) async throws -> SectionView {
        try await course.openSection(sectionId: id)
    }

    public func submit(questionId: String, entryId: String?, value: AnswerValue) async throws -> AnswerVersion {
        try await course.submitAnswer(questionId: questionId, entryId: entryId, value: value)
    }

    /// Delivers stream updates on the main queue.
    private final class Listener: ThisWeekListener {
        private let onChange: @Sendable (Result<ThisWeek, CourseError>) -> Void
        init(_ onChange: @escaping @Sendable (Result<ThisWeek, CourseError>) -> Void) { self.onChange = onChange }
        func onUpdate(state: ThisWeek) {
            let f = onChange
            DispatchQueue.main.async { f(.success(state)) }
        }
        func onError(error: CourseError) {
            let f = onChange
            DispatchQueue.main.async { f(.failure(error)) }
        }
    }
}

/// The device clock.
final class SystemClock: Clock {
    func now() -> Date { Date() }
}

/// The database key in the Keychain, readable after the first unlock and
/// never leaving this device.
final class KeychainKeyProvider: KeyProvider {
    private let query: [String: Any] = [
        kSecClass as String: kSecClassGenericPassword,
        kSecAttrService as String: "app.painschool.database-key",
        kSecAttrAccount as String: "patient.db",
    ]

    func get() throws -> Data? {
        var q = query
        q[kSecReturnData as String] = true
        q[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &item)
        switch status {
        case errSecSuccess: return item as? Data
        case errSecItemNotFound: return nil
        default: throw KeyStoreError.Unavailable(reason: "keychain status \(status)")
        }
    }

    func store(key: Data) throws {
        SecItemDelete(query as CFDictionary)
        var q = query
        q[kSecValueData as String] = key
        q[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        let status = SecItemAdd(q as CFDictionary, nil)
        guard status == errSecSuccess else {
            throw KeyStoreError.Unavailable(reason: "keychain status \(status)")
        }
    }

    func delete() throws {
        let status = SecItemDelete(query as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw KeyStoreError.Unavailable(reason: "keychain status \(status)")
        }
    }
}

/// A fake for SwiftUI previews and UI tests.
public final class FakeCourseClient: CourseClient {
    public var week: ThisWeek
    public init(week: ThisWeek) { self.week = week }
    public func thisWeek() async throws -> ThisWeek { week }
    public func observeThisWeek(_ onChange: @escaping @Sendable (Result<ThisWeek, CourseError>) -> Void) -> TaskHandle {
        fatalError("previews use thisWeek(); a TaskHandle comes only from the core")
    }
    public func openSection(_ id: String) async throws -> SectionView {
        throw CourseError.NotFound(kind: "section", id: id)
    }
    public func submit(questionId: String, entryId: String?, value: AnswerValue) async throws -> AnswerVersion {
        AnswerVersion(versionId: UUID().uuidString, questionId: questionId, entryId: entryId, value: value, submittedAt: Date(), reviewedAt: nil)
    }
}
