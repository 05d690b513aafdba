// The OS side of the mindfulness player. The core decodes and plays on the
// device's output; this file:
// - sets the audio session to playback (spoken audio), so a practice goes
//   on with the screen locked and the silent switch on (UIBackgroundModes
//   audio in Info.plist);
// - fills the lock screen's now-playing info (title, length, position)
//   from the player's state stream;
// - answers the lock screen's remote commands: play, pause, play/pause,
//   scrubbing, 15 s back and forward;
// - reports interruptions (a call) and unplugged headphones to the core,
//   which pauses and never resumes by itself unless the OS says
//   `shouldResume`.
import AVFoundation
import Foundation
import MediaPlayer
import PainSchool

@MainActor
final class AudioSession {
    static let skipSeconds: Double = 15

    private let player: PlayerClient
    private var observers: [NSObjectProtocol] = []
    private var targets: [(command: MPRemoteCommand, target: Any)] = []
    private var stateSubscription: Subscription?
    private var title = ""
    private var current: PlayerState?
    private(set) var isActive = false

    init(player: PlayerClient) {
        self.player = player
    }

    /// Before playing: the session, the lock-screen controls and the
    /// now-playing info for `title` (the section's title).
    func begin(title: String) {
        self.title = title
        let session = AVAudioSession.sharedInstance()
        do {
            try session.setCategory(.playback, mode: .spokenAudio, options: [])
            try session.setActive(true)
        } catch {
            Log.audio.error("audio session not active: \(error.localizedDescription, privacy: .public)")
        }
        guard !isActive else { return }
        isActive = true
        observeSession()
        registerCommands()
        stateSubscription = player.observe { [weak self] state in
            self?.stateChanged(state)
        }
    }

    /// After the practice: removes the controls and lets other audio go on.
    func end() {
        guard isActive else { return }
        isActive = false
        observers.forEach { NotificationCenter.default.removeObserver($0) }
        observers = []
        targets.forEach { $0.command.removeTarget($0.target) }
        targets = []
        stateSubscription?.cancel()
        stateSubscription = nil
        MPNowPlayingInfoCenter.default().nowPlayingInfo = nil
        do {
            try AVAudioSession.sharedInstance().setActive(false, options: .notifyOthersOnDeactivation)
        } catch {
            Log.audio.error("audio session not released: \(error.localizedDescription, privacy: .public)")
        }
    }

    // MARK: Interruptions and the route

    private func observeSession() {
        let center = NotificationCenter.default
        let session = AVAudioSession.sharedInstance()
        observers.append(center.addObserver(
            forName: AVAudioSession.interruptionNotification, object: session, queue: .main
        ) { [weak self] note in
            let type = (note.userInfo?[AVAudioSessionInterruptionTypeKey] as? UInt)
                .flatMap(AVAudioSession.InterruptionType.init(rawValue:))
            let options = AVAudioSession.InterruptionOptions(
                rawValue: note.userInfo?[AVAudioSessionInterruptionOptionKey] as? UInt ?? 0)
            MainActor.assumeIsolated {
                self?.interrupted(type, shouldResume: options.contains(.shouldResume))
            }
        })
        observers.append(center.addObserver(
            forName: AVAudioSession.routeChangeNotification, object: session, queue: .main
        ) { [weak self] note in
            let reason = (note.userInfo?[AVAudioSessionRouteChangeReasonKey] as? UInt)
                .flatMap(AVAudioSession.RouteChangeReason.init(rawValue:))
            MainActor.assumeIsolated {
                self?.routeChanged(reason)
            }
        })
    }

    private func interrupted(_ type: AVAudioSession.InterruptionType?, shouldResume: Bool) {
        guard let type else { return }
        switch type {
        case .began:
            Log.audio.info("interruption began")
            perform { try await $0.interruptionBegan() }
        case .ended:
            Log.audio.info("interruption ended, resume: \(shouldResume, privacy: .public)")
            if shouldResume {
                do {
                    try AVAudioSession.sharedInstance().setActive(true)
                } catch {
                    Log.audio.error("audio session not active again")
                }
            }
            perform { try await $0.interruptionEnded(shouldResume: shouldResume) }
        @unknown default:
            break
        }
    }

    private func routeChanged(_ reason: AVAudioSession.RouteChangeReason?) {
        // The headphones (or another output) went away: pause, as the OS expects.
        guard reason == .oldDeviceUnavailable else { return }
        Log.audio.info("headphones unplugged")
        perform { try await $0.headphonesUnplugged() }
    }

    // MARK: Lock screen

    private func registerCommands() {
        let center = MPRemoteCommandCenter.shared()
        add(center.playCommand) { [weak self] _ in
            self?.perform { try await $0.play() } ?? .commandFailed
        }
        add(center.pauseCommand) { [weak self] _ in
            self?.perform { try await $0.pause() } ?? .commandFailed
        }
        add(center.togglePlayPauseCommand) { [weak self] _ in
            guard let self else { return .commandFailed }
            if self.player.state().status == .playing {
                return self.perform { try await $0.pause() }
            }
            return self.perform { try await $0.play() }
        }
        add(center.changePlaybackPositionCommand) { [weak self] event in
            guard let self, let change = event as? MPChangePlaybackPositionCommandEvent else {
                return .commandFailed
            }
            let ms = UInt64(max(0, change.positionTime) * 1_000)
            return self.perform { try await $0.seek(toMs: ms) }
        }
        center.skipForwardCommand.preferredIntervals = [NSNumber(value: Self.skipSeconds)]
        add(center.skipForwardCommand) { [weak self] _ in
            self?.skip(by: Self.skipSeconds) ?? .commandFailed
        }
        center.skipBackwardCommand.preferredIntervals = [NSNumber(value: Self.skipSeconds)]
        add(center.skipBackwardCommand) { [weak self] _ in
            self?.skip(by: -Self.skipSeconds) ?? .commandFailed
        }
    }

    private func add(
        _ command: MPRemoteCommand,
        _ handler: @escaping (MPRemoteCommandEvent) -> MPRemoteCommandHandlerStatus
    ) {
        command.isEnabled = true
        targets.append((command, command.addTarget(handler: handler)))
    }

    private func skip(by seconds: Double) -> MPRemoteCommandHandlerStatus {
        let state = player.state()
        guard let track = state.track else { return .noActionableNowPlayingItem }
        let target = Double(state.positionMs) + seconds * 1_000
        let ms = UInt64(min(max(0, target), Double(track.durationMs)))
        return perform { try await $0.seek(toMs: ms) }
    }

    /// Runs a player call; a failure is logged by kind.
    @discardableResult
    private func perform(_ action: @escaping @Sendable (PlayerClient) async throws -> Void) -> MPRemoteCommandHandlerStatus {
        let player = self.player
        Task {
            do {
                try await action(player)
            } catch {
                _ = Problem(error)
            }
        }
        return .success
    }

    private func stateChanged(_ state: PlayerState) {
        current = state
        guard isActive else { return }
        var info: [String: Any] = [
            MPMediaItemPropertyTitle: title,
            MPMediaItemPropertyArtist: "Smärtskolan",
            MPNowPlayingInfoPropertyMediaType: MPNowPlayingInfoMediaType.audio.rawValue,
            MPNowPlayingInfoPropertyElapsedPlaybackTime: Double(state.positionMs) / 1_000,
            MPNowPlayingInfoPropertyPlaybackRate: state.status == .playing ? 1.0 : 0.0,
        ]
        if let track = state.track {
            info[MPMediaItemPropertyPlaybackDuration] = Double(track.durationMs) / 1_000
        }
        MPNowPlayingInfoCenter.default().nowPlayingInfo = info
    }
}
