// OS notifications from the core's reminder plan. The core plans (at most
// 48 requests with stable ids, content-free texts safe on a locked screen,
// a deep link each); this file only registers them:
// - on every update of the plan stream (a write, a sync, a request's time
//   passing), replacing all pending requests (same ids: never doubled);
// - again after a time-zone or significant time change (the triggers are
//   calendar dates in the device's current zone);
// - again when the notification permission changed (checked whenever the
//   app becomes active) and after each background sync.
// The tap on a notification opens its deep link (AppDelegate).
import Foundation
import Observation
import PainSchool
import UIKit
import UserNotifications

@MainActor
@Observable
final class NotificationScheduler {
    /// The user-info key holding the request's deep link.
    nonisolated static let deepLinkKey = "deepLink"

    private let center = UNUserNotificationCenter.current()
    private var client: CourseClient?
    private var planSubscription: Subscription?
    private var watchers: [Task<Void, Never>] = []
    /// The last registration; the next waits for it, so two never interleave.
    private var registration: Task<Void, Never>?
    private(set) var lastPermission: NotificationPermission?
    /// Bumped when the OS permission changes (the start screen reloads
    /// its reminder health).
    private(set) var permissionRevision = 0

    /// Starts registering `client`'s plan, now and on every change.
    func attach(_ client: CourseClient) {
        detach()
        self.client = client
        planSubscription = client.observeReminderPlan { [weak self] result in
            switch result {
            case let .success(plan):
                self?.register(plan)
            case let .failure(error):
                // Not enrolled yet, for example; the stream goes on.
                _ = Problem(error)
            }
        }
        watchers = [
            Task { [weak self] in
                for await _ in NotificationCenter.default.notifications(named: .NSSystemTimeZoneDidChange) {
                    Log.reminders.info("time zone changed: registering again")
                    await self?.refresh()
                }
            },
            Task { [weak self] in
                for await _ in NotificationCenter.default.notifications(named: UIApplication.significantTimeChangeNotification) {
                    Log.reminders.info("significant time change: registering again")
                    await self?.refresh()
                }
            },
        ]
    }

    /// Stops following the plan (the course closed or was wiped).
    func detach() {
        planSubscription?.cancel()
        planSubscription = nil
        watchers.forEach { $0.cancel() }
        watchers = []
        client = nil
    }

    /// Removes every pending and delivered notification (after a wipe).
    func removeAll() {
        center.removeAllPendingNotificationRequests()
        center.removeAllDeliveredNotifications()
    }

    /// Registers the plan the core computes now.
    func refresh() async {
        guard let client else { return }
        do {
            let plan = try await client.reminderPlan()
            register(plan)
            await registration?.value
        } catch {
            _ = Problem(error)
        }
    }

    /// Replaces every pending request with the plan's, after any
    /// registration still running.
    func register(_ plan: ReminderPlan) {
        let previous = registration
        registration = Task { [center] in
            await previous?.value
            center.removeAllPendingNotificationRequests()
            var added = 0
            for request in plan.requests {
                let content = UNMutableNotificationContent()
                content.title = request.title
                content.body = request.body
                content.sound = .default
                content.threadIdentifier = Self.thread(request.kind)
                content.userInfo = [Self.deepLinkKey: request.deepLink]
                let pending = UNNotificationRequest(
                    identifier: request.id, content: content, trigger: Self.trigger(request))
                do {
                    try await center.add(pending)
                    added += 1
                } catch {
                    Log.reminders.error("could not add \(request.id, privacy: .public)")
                }
            }
            Log.reminders.info("registered \(added, privacy: .public) of \(plan.requests.count, privacy: .public); left out \(plan.leftOut, privacy: .public)")
        }
    }

    /// A calendar trigger in the device's current time zone: one date, or
    /// the hour and minute every day for a daily request. A time-zone
    /// change registers the plan again, so the dates follow the zone.
    static func trigger(_ request: ReminderRequest) -> UNCalendarNotificationTrigger {
        let calendar = Calendar.current
        if request.daily {
            let parts = calendar.dateComponents([.hour, .minute], from: request.fireAt)
            return UNCalendarNotificationTrigger(dateMatching: parts, repeats: true)
        }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: request.fireAt)
        return UNCalendarNotificationTrigger(dateMatching: parts, repeats: false)
    }

    /// Groups notifications of one kind in the list.
    static func thread(_ kind: ReminderKind) -> String {
        switch kind {
        case .visit: return "visit"
        case .accessEnding: return "access"
        case .newMessage: return "message"
        case .moduleOpened, .nudge: return "course"
        case .practice: return "practice"
        }
    }

    // MARK: Permission

    /// What the OS allows now, in the core's terms.
    func permission() async -> NotificationPermission {
        let settings = await center.notificationSettings()
        switch settings.authorizationStatus {
        case .authorized, .ephemeral: return .allowed
        case .provisional: return .provisional
        case .notDetermined: return .notAsked
        case .denied: return .denied
        @unknown default: return .denied
        }
    }

    /// Asks the OS (the reminder-health action "ask permission").
    func requestPermission() async {
        do {
            _ = try await center.requestAuthorization(options: [.alert, .sound, .badge])
        } catch {
            Log.reminders.error("permission request failed")
        }
        await checkPermission()
    }

    /// Registers again when the permission changed since the last look
    /// (the app calls this whenever it becomes active).
    func checkPermission() async {
        let now = await permission()
        if let last = lastPermission, last != now {
            Log.reminders.info("permission changed: registering again")
            permissionRevision += 1
            await refresh()
        }
        lastPermission = now
    }
}
