// The UIKit side of launch:
// - registers the background sync tasks (BGTaskScheduler requires it
//   before launch ends);
// - is the notification center's delegate: a tap on a reminder opens its
//   deep link's screen; a reminder arriving while the app is open shows
//   as a banner;
// - removes summary files left from a previous run;
// - starts opening the course.
import PainSchool
import UIKit
import UserNotifications

@MainActor
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    private(set) lazy var model: AppModel = AppModel.live()

    func application(
        _ application: UIApplication,
        didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
    ) -> Bool {
        UNUserNotificationCenter.current().delegate = self
        let model = self.model
        BackgroundSync.register {
            await model.backgroundSync()
        }
        FileProtection.removeSummaryFiles()
        Task { await model.open() }
        return true
    }

    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter,
        didReceive response: UNNotificationResponse
    ) async {
        let link = response.notification.request.content.userInfo[NotificationScheduler.deepLinkKey] as? String
        guard let link, let url = URL(string: link) else { return }
        await MainActor.run {
            self.model.handle(url: url)
        }
    }

    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter,
        willPresent notification: UNNotification
    ) async -> UNNotificationPresentationOptions {
        [.banner, .list, .sound]
    }
}
