// Where the app keeps files, and how they are protected.
// - The course (the encrypted database, its WAL and key check) lives in
//   Application Support/course with complete-until-first-unlock protection
//   (NSFileProtectionCompleteUntilFirstUserAuthentication): readable by
//   background sync once the phone has been unlocked after a restart,
//   never before. The folder's class is set before the core creates files
//   in it, so new files inherit it, and it is set again on every file at
//   each launch. The folder is excluded from backups: the key never leaves
//   the phone, so a restored copy could not be opened anyway; the clinic's
//   copy comes back through sync after a new activation.
// - Summary files made for the share sheet live in a temporary folder with
//   complete protection and are deleted when the summary screen closes and
//   at each launch.
// The entitlement com.apple.developer.default-data-protection
// (PainSchool.entitlements) makes the same class the app's default.
import Foundation

enum FileProtection {
    static let courseClass = FileProtectionType.completeUntilFirstUserAuthentication

    /// The course's data folder, made and protected.
    static func courseDirectory() throws -> URL {
        let support = try FileManager.default.url(
            for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        var dir = support.appendingPathComponent("course", isDirectory: true)
        try FileManager.default.createDirectory(
            at: dir, withIntermediateDirectories: true,
            attributes: [.protectionKey: courseClass])
        try protectTree(dir, courseClass)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try dir.setResourceValues(values)
        return dir
    }

    /// Sets `type` on `dir` and every file under it.
    static func protectTree(_ dir: URL, _ type: FileProtectionType) throws {
        let fm = FileManager.default
        try fm.setAttributes([.protectionKey: type], ofItemAtPath: dir.path)
        guard let files = fm.enumerator(at: dir, includingPropertiesForKeys: nil) else { return }
        var failed = 0
        for case let file as URL in files {
            do {
                try fm.setAttributes([.protectionKey: type], ofItemAtPath: file.path)
            } catch {
                failed += 1
            }
        }
        if failed > 0 {
            Log.app.error("file protection not set on \(failed, privacy: .public) file(s)")
        }
    }

    /// A fresh folder for a summary file to share, with complete protection.
    static func summaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("summary", isDirectory: true)
        try FileManager.default.createDirectory(
            at: dir, withIntermediateDirectories: true,
            attributes: [.protectionKey: FileProtectionType.complete])
        return dir
    }

    /// Deletes every summary file made for sharing.
    static func removeSummaryFiles() {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("summary", isDirectory: true)
        try? FileManager.default.removeItem(at: dir)
    }
}
