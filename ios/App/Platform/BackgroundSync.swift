// Background sync with BGTaskScheduler, at most a few times a day:
// - `app.painschool.sync`, a BGAppRefreshTask, not sooner than six hours
//   after the last request (about four a day at most; the OS decides);
// - `app.painschool.upload`, a BGProcessingTask that needs the network,
//   asked for only while changes wait to be sent after a failure, from the
//   core's `retry_at`.
// Both identifiers are in Info.plist (BGTaskSchedulerPermittedIdentifiers)
// and registered at launch (AppDelegate). The work itself is
// AppModel.backgroundSync: open the course if the phone has been unlocked,
// sync, register the reminder plan again, wipe if due.
import BackgroundTasks
import Foundation

enum BackgroundSync {
    static let refreshId = "app.painschool.sync"
    static let uploadId = "app.painschool.upload"
    /// The shortest time between two background refreshes.
    static let interval: TimeInterval = 6 * 3_600

    /// Registers both tasks; call before launch ends.
    static func register(run: @escaping @MainActor () async -> Bool) {
        for id in [refreshId, uploadId] {
            let registered = BGTaskScheduler.shared.register(forTaskWithIdentifier: id, using: nil) { task in
                let done = Completion(task)
                let work = Task { @MainActor in
                    let ok = await run()
                    done.finish(success: ok)
                }
                task.expirationHandler = {
                    work.cancel()
                    done.finish(success: false)
                }
            }
            if !registered {
                Log.sync.error("background task \(id, privacy: .public) not registered")
            }
        }
    }

    /// Asks for the next background sync: not before `interval` from now,
    /// nor before the core's `retryAt`; and an upload task while `unsent`.
    static func schedule(retryAt: Date?, unsent: Bool) {
        let refresh = BGAppRefreshTaskRequest(identifier: refreshId)
        refresh.earliestBeginDate = max(Date().addingTimeInterval(interval), retryAt ?? .distantPast)
        do {
            try BGTaskScheduler.shared.submit(refresh)
        } catch {
            Log.sync.error("background refresh not scheduled: \(error.localizedDescription, privacy: .public)")
        }
        guard unsent else {
            BGTaskScheduler.shared.cancel(taskRequestWithIdentifier: uploadId)
            return
        }
        let upload = BGProcessingTaskRequest(identifier: uploadId)
        upload.requiresNetworkConnectivity = true
        upload.requiresExternalPower = false
        upload.earliestBeginDate = retryAt ?? Date().addingTimeInterval(15 * 60)
        do {
            try BGTaskScheduler.shared.submit(upload)
        } catch {
            Log.sync.error("background upload not scheduled: \(error.localizedDescription, privacy: .public)")
        }
    }

    /// Completes a task exactly once (the work or the expiry, whichever is first).
    private final class Completion: @unchecked Sendable {
        private let lock = NSLock()
        private var task: BGTask?

        init(_ task: BGTask) { self.task = task }

        func finish(success: Bool) {
            lock.lock()
            let pending = task
            task = nil
            lock.unlock()
            pending?.setTaskCompleted(success: success)
        }
    }
}
