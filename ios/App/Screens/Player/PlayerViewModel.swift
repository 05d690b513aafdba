// The mindfulness player's model. The core plays, saves the position and
// logs practice; this model loads the section's recording, offers to
// continue where the patient left off (the core's resume offer), sends
// play/pause/seek, starts and ends the OS audio session (AudioSession),
// marks the exercise done when it has played to the end, and shows the
// minutes practised today (no streaks).
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class PlayerViewModel {
    struct Resume: Equatable {
        let ms: UInt64
        let label: String
    }

    struct State: Equatable {
        var player: PlayerState?
        var resume: Resume?
        var problem: Problem?
        var minutesToday: UInt32?
        var isLoading = true
        /// The position under the patient's finger while scrubbing.
        var scrubMs: UInt64?

        var durationMs: UInt64 { player?.track?.durationMs ?? 0 }
        var positionMs: UInt64 { scrubMs ?? player?.positionMs ?? 0 }
        var isPlaying: Bool { player?.status == .playing }
        var hasEnded: Bool { player?.status == .ended }
    }

    enum Event {
        case appeared
        case disappeared
        case playPause
        /// Take up the resume offer.
        case resume
        case startOver
        case scrub(UInt64)
        case scrubEnded
        case skip(seconds: Int64)
        case stop
        case retry
    }

    let sectionId: String
    let title: String
    private(set) var state = State()
    private let client: CourseClient
    private let session: @MainActor () throws -> (player: PlayerClient, audio: AudioSession)
    private let afterWrite: @MainActor () -> Void
    @ObservationIgnored private var player: PlayerClient?
    @ObservationIgnored private var audio: AudioSession?
    @ObservationIgnored private var subscription: Subscription?
    @ObservationIgnored private var markedDone = false

    init(
        client: CourseClient,
        sectionId: String,
        title: String,
        session: @escaping @MainActor () throws -> (player: PlayerClient, audio: AudioSession),
        afterWrite: @escaping @MainActor () -> Void
    ) {
        self.client = client
        self.sectionId = sectionId
        self.title = title
        self.session = session
        self.afterWrite = afterWrite
    }

    func send(_ event: Event) {
        switch event {
        case .appeared, .retry:
            Task { await appear() }
        case .disappeared:
            // The practice goes on (lock screen, other screens); only this
            // screen stops listening.
            subscription?.cancel()
            subscription = nil
        case .playPause:
            if state.isPlaying {
                run { try await $0.pause() }
            } else {
                audio?.begin(title: title)
                state.resume = nil
                run { try await $0.play() }
            }
        case .resume:
            guard let resume = state.resume else { return }
            audio?.begin(title: title)
            state.resume = nil
            run { try await $0.play(fromMs: resume.ms) }
        case .startOver:
            audio?.begin(title: title)
            state.resume = nil
            run { try await $0.play(fromMs: 0) }
        case let .scrub(ms):
            state.scrubMs = min(ms, state.durationMs)
        case .scrubEnded:
            guard let ms = state.scrubMs else { return }
            run { try await $0.seek(toMs: ms) }
            state.scrubMs = nil
        case let .skip(seconds):
            let target = Int64(state.positionMs) + seconds * 1_000
            let ms = UInt64(max(0, min(target, Int64(state.durationMs))))
            run { try await $0.seek(toMs: ms) }
        case .stop:
            run { try await $0.stop() }
            audio?.end()
        }
    }

    private func appear() async {
        state.problem = nil
        let made: (player: PlayerClient, audio: AudioSession)
        do {
            made = try session()
        } catch {
            state.problem = Problem(error)
            state.isLoading = false
            return
        }
        player = made.player
        audio = made.audio
        if subscription == nil {
            subscription = made.player.observe { [weak self] playerState in
                self?.received(playerState)
            }
        }
        await loadMinutes()
        let now = made.player.state()
        if now.track?.sectionId == sectionId, now.status != .idle {
            // Back on the screen of the recording already loaded.
            state.isLoading = false
            return
        }
        do {
            let loaded = try await made.player.load(sectionId: sectionId)
            if let ms = loaded.resumeAtMs, let label = loaded.resumeLabel {
                state.resume = Resume(ms: ms, label: label)
            }
        } catch {
            state.problem = Problem(error)
        }
        state.isLoading = false
    }

    private func received(_ playerState: PlayerState) {
        // Another section's recording may be playing; show only ours.
        guard playerState.track == nil || playerState.track?.sectionId == sectionId else { return }
        state.player = playerState
        switch playerState.status {
        case .ended:
            audio?.end()
            Task { await finished() }
        case let .failed(reason):
            state.problem = .player(reason)
        case .paused:
            Task { await loadMinutes() }
        default:
            break
        }
    }

    private func finished() async {
        if !markedDone {
            do {
                try await client.markExerciseDone(sectionId: sectionId)
                markedDone = true
                afterWrite()
            } catch {
                state.problem = Problem(error)
            }
        }
        await loadMinutes()
    }

    private func loadMinutes() async {
        do {
            state.minutesToday = try await client.practiceToday().minutes
        } catch {
            _ = Problem(error)
        }
    }

    private func run(_ action: @escaping @MainActor (PlayerClient) async throws -> Void) {
        guard let player else { return }
        Task {
            do {
                try await action(player)
            } catch {
                state.problem = Problem(error)
            }
        }
    }
}
