// The iOS app's HTTP client for sync: URLSession, so TLS, the system trust
// store, proxies, App Transport Security and the OS network policy are
// Apple's (ADR 0009). Hand-written; the `HttpClient` protocol and its
// records come from the generated Swift in Sources/PainSchoolCore.
import Foundation
import PainSchoolCore

/// Sends the core's sync requests with URLSession. It follows the contract
/// of `HttpClient`:
/// - the request goes out as given (the core chose the URL: `https://`, or
///   loopback `http://` in development, which also needs an ATS exception
///   for local networking in a debug build) and redirects are **not**
///   followed;
/// - the whole exchange is limited to `request.timeout` (URLRequest's own
///   `timeoutInterval` is only the idle time between packets, so a deadline
///   task races the request), then `HttpError.TimedOut` is thrown; when the
///   core drops the call, the task is cancelled and so is the request;
/// - every status comes back as a response, error statuses too;
/// - failures are typed: `TimedOut`, `Tls` (certificate or handshake),
///   `Unreachable` (any other URL error), `Failed` (anything else);
/// - nothing is logged (the token and the body are secrets).
public final class URLSessionHttpClient: NSObject, HttpClient, URLSessionTaskDelegate, @unchecked Sendable {
    private let session: URLSession

    /// A client on an ephemeral session: no cookies, no cache, no
    /// credentials kept on disk.
    public override init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.waitsForConnectivity = false
        session = URLSession(configuration: configuration)
        super.init()
    }

    public func send(request: HttpRequest) async throws -> HttpResponse {
        guard let url = URL(string: request.url) else { throw HttpError.Failed }
        var urlRequest = URLRequest(url: url, timeoutInterval: request.timeout)
        switch request.method {
        case .get: urlRequest.httpMethod = "GET"
        case .post: urlRequest.httpMethod = "POST"
        }
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        urlRequest.httpBody = request.body
        let prepared = urlRequest
        let session = self.session
        let timeout = request.timeout
        do {
            let (data, response) = try await withThrowingTaskGroup(of: (Data, URLResponse).self) { group in
                group.addTask {
                    try await session.data(for: prepared, delegate: self)
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(max(timeout, 0) * 1_000_000_000))
                    throw URLError(.timedOut)
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw HttpError.Failed }
                return first
            }
            guard let http = response as? HTTPURLResponse else { throw HttpError.Failed }
            return HttpResponse(
                status: UInt16(clamping: http.statusCode),
                retryAfter: http.value(forHTTPHeaderField: "Retry-After"),
                body: data)
        } catch let error as HttpError {
            throw error
        } catch let error as URLError {
            throw Self.typed(error)
        } catch is CancellationError {
            throw HttpError.Unreachable
        } catch {
            throw HttpError.Failed
        }
    }

    /// Refuses every redirect: the 3xx goes back to the core as it is.
    public func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest
    ) async -> URLRequest? {
        nil
    }

    private static func typed(_ error: URLError) -> HttpError {
        switch error.code {
        case .timedOut:
            return .TimedOut
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
             .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid,
             .clientCertificateRejected, .clientCertificateRequired:
            return .Tls
        case .badURL, .unsupportedURL, .appTransportSecurityRequiresSecureConnection:
            return .Failed
        default:
            return .Unreachable
        }
    }
}
