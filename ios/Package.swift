// swift-tools-version:5.9
// The Swift package the iOS app depends on. Not built on the Linux CI
// machine (no Swift compiler there); `build-xcframework.sh` makes the binary
// target on a Mac. Layout after that script:
//   PainSchoolCoreFFI.xcframework      the Rust library for device + simulator
//   Sources/PainSchoolCore/             the generated Swift (do not edit)
//   Sources/PainSchool/                 hand-written wrapper (CourseClient)
// The app itself (App/) is an Xcode project made by XcodeGen from project.yml.
import PackageDescription

let package = Package(
    name: "PainSchool",
    platforms: [.iOS(.v17)],
    products: [
        .library(name: "PainSchool", targets: ["PainSchool"]),
    ],
    targets: [
        // The Rust library and its C header/modulemap, built by build-xcframework.sh.
        .binaryTarget(name: "PainSchoolCoreFFI", path: "PainSchoolCoreFFI.xcframework"),
        // The generated bindings, copied here by build-xcframework.sh.
        // The Rust library is a static library: the frameworks its sound
        // output (cpal over Core Audio, feature `playback`) calls are linked here.
        .target(
            name: "PainSchoolCore",
            dependencies: ["PainSchoolCoreFFI"],
            path: "Sources/PainSchoolCore",
            linkerSettings: [
                .linkedFramework("AudioToolbox"),
                .linkedFramework("CoreAudio"),
                .linkedFramework("AVFoundation"),
            ]),
        // The app-facing wrapper: CourseClient and PlayerClient (real and fake),
        // the URLSession HTTP client.
        .target(name: "PainSchool", dependencies: ["PainSchoolCore"], path: "Sources/PainSchool"),
    ]
)
