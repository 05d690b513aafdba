// The reader's media: images (the course's are SVG, drawn by WebKit from
// the bundle file, offline; PNG/JPEG by UIKit) with their alt text for
// VoiceOver, and video with the course's WebVTT captions drawn over it.
import AVFoundation
import AVKit
import Observation
import PainSchool
import SwiftUI
import UIKit
import WebKit

/// A course image with its alt text as the VoiceOver label.
struct MediaImage: View {
    @Environment(\.strings) var t
    let path: String
    let altText: String?

    var body: some View {
        Group {
            if path.lowercased().hasSuffix(".svg"), let svg = try? String(contentsOfFile: path, encoding: .utf8) {
                SVGView(svg: svg)
                    .aspectRatio(SVGView.viewBoxRatio(svg), contentMode: .fit)
                    .frame(maxWidth: .infinity)
            } else if let image = UIImage(contentsOfFile: path) {
                Image(uiImage: image)
                    .resizable()
                    .scaledToFit()
            } else {
                Label(t("reader.imageMissing"), systemImage: "photo")
                    .frame(maxWidth: .infinity, minHeight: 120)
                    .background(Theme.card, in: RoundedRectangle(cornerRadius: Theme.corner))
            }
        }
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(altText ?? t("reader.image"))
        .accessibilityAddTraits(.isImage)
    }
}

/// An SVG drawn by WebKit, scaled to the width, on white (the course's
/// drawings are made for a light page).
struct SVGView: UIViewRepresentable {
    let svg: String

    /// Width over height from the SVG's viewBox (1 if it has none).
    static func viewBoxRatio(_ svg: String) -> CGFloat {
        guard let range = svg.range(of: #"viewBox="([^"]+)""#, options: .regularExpression) else { return 1 }
        let numbers = svg[range]
            .dropFirst("viewBox=\"".count)
            .dropLast()
            .split(whereSeparator: { $0 == " " || $0 == "," })
            .compactMap { Double($0) }
        guard numbers.count == 4, numbers[2] > 0, numbers[3] > 0 else { return 1 }
        return CGFloat(numbers[2] / numbers[3])
    }

    func makeUIView(context: Context) -> WKWebView {
        let configuration = WKWebViewConfiguration()
        configuration.defaultWebpagePreferences.allowsContentJavaScript = false
        let view = WKWebView(frame: .zero, configuration: configuration)
        view.isOpaque = false
        view.backgroundColor = .white
        view.scrollView.isScrollEnabled = false
        view.isUserInteractionEnabled = false
        view.accessibilityElementsHidden = true
        return view
    }

    func makeCoordinator() -> Coordinator { Coordinator() }

    /// Remembers what was loaded, so an update does not reload the page.
    final class Coordinator {
        var loaded: String?
    }

    func updateUIView(_ view: WKWebView, context: Context) {
        guard context.coordinator.loaded != svg else { return }
        context.coordinator.loaded = svg
        let page = """
        <!doctype html><html><head><meta name="viewport" content="width=device-width,initial-scale=1">
        <style>html,body{margin:0;padding:0;background:#fff}svg{display:block;width:100%;height:auto}</style>
        </head><body>\(svg)</body></html>
        """
        view.loadHTMLString(page, baseURL: nil)
    }
}

/// A course video with its captions (on by default), the system's
/// controls, and "done" reported once it has played to the end. The
/// player is made when the view appears and let go when it disappears.
struct CaptionedVideo: View {
    @Environment(\.strings) var t
    let videoPath: String
    let captionsPath: String?
    let onEnded: @MainActor () -> Void
    @State var model: VideoModel? = nil

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            if let model {
                VideoPlayer(player: model.player) {
                    VStack {
                        Spacer()
                        if model.captionsOn, let caption = model.caption {
                            Text(caption)
                                .font(.body.weight(.semibold))
                                .multilineTextAlignment(.center)
                                .foregroundStyle(.white)
                                .padding(8)
                                .background(.black.opacity(0.8), in: RoundedRectangle(cornerRadius: 6))
                                .padding(.bottom, 48)
                                .padding(.horizontal, 12)
                                .accessibilityHidden(true)
                        }
                    }
                }
                .aspectRatio(16 / 9, contentMode: .fit)
                .accessibilityLabel(t("reader.video"))
                Toggle(t("reader.captions"), isOn: Binding(
                    get: { model.captionsOn },
                    set: { model.captionsOn = $0 }))
                    .frame(minHeight: Theme.touchTarget)
            } else {
                Color.black
                    .aspectRatio(16 / 9, contentMode: .fit)
                    .accessibilityHidden(true)
            }
        }
        .onAppear {
            if model == nil {
                model = VideoModel(
                    video: URL(fileURLWithPath: videoPath),
                    captions: captionsPath.map { URL(fileURLWithPath: $0) },
                    onEnded: onEnded)
            }
        }
        .onDisappear {
            model?.stop()
            model = nil
        }
    }
}

@MainActor
@Observable
final class VideoModel {
    let player: AVPlayer
    private(set) var caption: String?
    var captionsOn = true
    private let cues: [CaptionCue]
    @ObservationIgnored private var timeObserver: Any?
    @ObservationIgnored private var endObserver: NSObjectProtocol?

    init(video: URL, captions: URL?, onEnded: @escaping @MainActor () -> Void) {
        player = AVPlayer(url: video)
        cues = captions
            .flatMap { try? String(contentsOf: $0, encoding: .utf8) }
            .map(CaptionTrack.parse) ?? []
        do {
            try AVAudioSession.sharedInstance().setCategory(.playback, mode: .moviePlayback)
        } catch {
            Log.audio.error("video audio session not set")
        }
        timeObserver = player.addPeriodicTimeObserver(
            forInterval: CMTime(value: 1, timescale: 4), queue: .main
        ) { [weak self] time in
            let seconds = time.seconds
            MainActor.assumeIsolated {
                self?.show(at: seconds)
            }
        }
        endObserver = NotificationCenter.default.addObserver(
            forName: .AVPlayerItemDidPlayToEndTime, object: player.currentItem, queue: .main
        ) { _ in
            MainActor.assumeIsolated {
                onEnded()
            }
        }
    }

    private func show(at seconds: Double) {
        let text = CaptionTrack.cue(at: seconds, in: cues)?.text
        if text != caption {
            caption = text
        }
    }

    /// Pauses and lets go of the observers (the screen closed).
    func stop() {
        player.pause()
        if let timeObserver {
            player.removeTimeObserver(timeObserver)
            self.timeObserver = nil
        }
        if let endObserver {
            NotificationCenter.default.removeObserver(endObserver)
            self.endObserver = nil
        }
    }
}
