// The mindfulness player as the screens see it: `PlayerClient`, with the
// real implementation over the core's `MindfulnessPlayer` here and a fake in
// FakeCourseClient.swift. The core decodes and plays; the app owns the OS
// audio session and reports interruptions and unplugged headphones
// (App/Platform/AudioSession.swift). Hand-written.
import Foundation
import PainSchoolCore

/// Play, pause, seek and the resume offer of one mindfulness or audio
/// section. Errors are `PlayerError.Failed(kind:detail:)`.
public protocol PlayerClient: AnyObject, Sendable {
    /// Loads the section's recording (checked against the course files)
    /// and offers where to continue.
    func load(sectionId: String) async throws -> LoadedTrack
    func play() async throws
    /// Moves to `positionMs` and plays ("continue at 4:12").
    func play(fromMs positionMs: UInt64) async throws
    /// Pauses; the position is saved.
    func pause() async throws
    /// Stops with a short fade-out; the session ends.
    func stop() async throws
    func seek(toMs positionMs: UInt64) async throws
    /// 0.0–1.0.
    func setVolume(_ volume: Float)
    /// The state now (no I/O).
    func state() -> PlayerState
    /// The state now and after each change (at most four position updates
    /// a second), on the main thread.
    func observe(_ onChange: @escaping @MainActor @Sendable (PlayerState) -> Void) -> Subscription
    /// The OS reports an interruption (a call): playback pauses.
    func interruptionBegan() async throws
    /// The interruption ended; `shouldResume` is the OS's hint. The core
    /// never resumes by itself otherwise.
    func interruptionEnded(shouldResume: Bool) async throws
    /// The headphones were unplugged: playback pauses.
    func headphonesUnplugged() async throws
}

/// The real player over the core.
final class RustPlayerClient: PlayerClient {
    private let player: MindfulnessPlayer

    init(player: MindfulnessPlayer) {
        self.player = player
    }

    func load(sectionId: String) async throws -> LoadedTrack {
        try await player.load(sectionId: sectionId)
    }

    func play() async throws {
        try await player.play()
    }

    func play(fromMs positionMs: UInt64) async throws {
        try await player.playFrom(positionMs: positionMs)
    }

    func pause() async throws {
        try await player.pause()
    }

    func stop() async throws {
        try await player.stop()
    }

    func seek(toMs positionMs: UInt64) async throws {
        try await player.seek(positionMs: positionMs)
    }

    func setVolume(_ volume: Float) {
        player.setVolume(volume: volume)
    }

    func state() -> PlayerState {
        player.state()
    }

    func observe(_ onChange: @escaping @MainActor @Sendable (PlayerState) -> Void) -> Subscription {
        let handle = player.subscribe(listener: StateListener(onChange))
        return Subscription { handle.cancel() }
    }

    func interruptionBegan() async throws {
        try await player.interruptionBegan()
    }

    func interruptionEnded(shouldResume: Bool) async throws {
        try await player.interruptionEnded(resume: shouldResume)
    }

    func headphonesUnplugged() async throws {
        try await player.headphonesUnplugged()
    }

    private final class StateListener: PlayerListener {
        private let onChange: @MainActor @Sendable (PlayerState) -> Void
        init(_ onChange: @escaping @MainActor @Sendable (PlayerState) -> Void) {
            self.onChange = onChange
        }
        func onState(state: PlayerState) { deliverOnMain(state, to: onChange) }
    }
}
