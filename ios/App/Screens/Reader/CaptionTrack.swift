// WebVTT captions for the course's videos. AVPlayer does not take a
// side-loaded .vtt file with an .mp4, so the reader draws the cues itself
// over the video (CaptionedVideo). Parsing only: the cues' times and text.
import Foundation

struct CaptionCue: Equatable {
    let start: Double
    let end: Double
    let text: String
}

enum CaptionTrack {
    /// The cues of a WebVTT file; anything it does not read is skipped.
    static func parse(_ vtt: String) -> [CaptionCue] {
        var cues: [CaptionCue] = []
        let normalized = vtt.replacingOccurrences(of: "\r\n", with: "\n")
        for block in normalized.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            guard let timing = lines.firstIndex(where: { $0.contains("-->") }) else { continue }
            let parts = lines[timing].components(separatedBy: "-->")
            guard parts.count == 2,
                  let start = seconds(parts[0]),
                  let endToken = parts[1].split(separator: " ", omittingEmptySubsequences: true).first,
                  let end = seconds(String(endToken)) else { continue }
            let text = lines[(timing + 1)...]
                .joined(separator: "\n")
                .replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            if !text.isEmpty {
                cues.append(CaptionCue(start: start, end: end, text: text))
            }
        }
        return cues
    }

    /// The cue showing at `time` seconds, if any.
    static func cue(at time: Double, in cues: [CaptionCue]) -> CaptionCue? {
        cues.first { $0.start <= time && time < $0.end }
    }

    /// `00:01:02.500` or `01:02.500` in seconds.
    static func seconds(_ stamp: String) -> Double? {
        let parts = stamp.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard (2...3).contains(parts.count) else { return nil }
        var total = 0.0
        for part in parts {
            guard let value = Double(part.replacingOccurrences(of: ",", with: ".")) else { return nil }
            total = total * 60 + value
        }
        return total
    }
}
