// The app's entry point. The scene's phase drives sync on open and the
// permission check; links (the letter's QR code from the camera app) come
// in through onOpenURL; AppDelegate registers the background tasks before
// launch ends and receives notification taps.
import PainSchool
import SwiftUI

@main
struct PainSchoolApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView()
                .environment(delegate.model)
                .onOpenURL { url in
                    delegate.model.handle(url: url)
                }
        }
        .onChange(of: scenePhase) { _, phase in
            if phase == .active {
                Task { await delegate.model.becameActive() }
            }
        }
    }
}
